package dev.flotilla.protocol;

/** A renewed client certificate and the current CA, both PEM. */
public record RenewResponse(String certificate, String caCertificate) {}
