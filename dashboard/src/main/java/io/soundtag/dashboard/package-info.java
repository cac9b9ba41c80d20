/**
 * The operator's dashboard: a web page served by this JVM that shows what the taggers hear, live,
 * and lets a person listen, look and review. {@link io.soundtag.dashboard.Dashboard#start} is the
 * one front door; it reads soundtag's topics, serves the page and its API, and closes everything
 * it started on {@code close()}.
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.start(DashboardConfig.defaults(KafkaConnection.to("127.0.0.1:9092")))) {
 *   System.out.println("dashboard on " + d.url());
 * }
 * }</pre>
 */
package io.soundtag.dashboard;
