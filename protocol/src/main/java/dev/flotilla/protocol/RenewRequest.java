package dev.flotilla.protocol;

/** Certificate renewal: a new CSR (a new key pair, generated on the device), over mTLS. */
public record RenewRequest(String csr) {}
