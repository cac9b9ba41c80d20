package io.soundtag.ops.model;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who makes a release from this machine: "what by user@host". */
final class CreatedBy {

  private CreatedBy() {}

  static String here(String what) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return what + " by " + System.getProperty("user.name", "unknown") + "@" + host;
  }
}
