/**
 * The admin API behind {@code flotilla token|cluster|bundle}: bearer tokens with roles (viewer,
 * operator, admin), every mutating call recorded in the audit log, JSON views shaped for
 * kubectl-like tables. {@link dev.flotilla.hub.admin.AdminConf} is the client's config file.
 */
package dev.flotilla.hub.admin;
