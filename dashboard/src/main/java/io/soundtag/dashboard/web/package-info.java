/**
 * The dashboard's HTTP side on the JDK's built-in server: the page and its assets from the jar,
 * the JSON API, the server-sent event stream of live updates, and the access rules (token for
 * writes, read-only mode, no audio).
 */
package io.soundtag.dashboard.web;
