/**
 * {@code soundtag dashboard} ({@link io.soundtag.ops.dashboard.DashboardCommand}): the operator's
 * web page over the live topics, with its alerts. The command is thin: the dashboard belongs to
 * the dashboard module.
 */
package io.soundtag.ops.dashboard;
