/**
 * A fluent builder for real Git repositories (JGit, on disk): write files, commit, delete, as a
 * fleet operator's repository evolves. Used by tests and the demo.
 */
package dev.flotilla.testkit.git;
