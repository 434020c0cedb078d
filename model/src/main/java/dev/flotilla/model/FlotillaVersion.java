package dev.flotilla.model;

/** The running Flotilla version, from the jar manifest (or {@code dev} when run from classes). */
public final class FlotillaVersion {
  private FlotillaVersion() {}

  public static String current() {
    String v = FlotillaVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
