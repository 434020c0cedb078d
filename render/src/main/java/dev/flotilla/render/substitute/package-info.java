/**
 * Post-render substitution of {@code ${cluster.name}}, {@code ${cluster.id}} and {@code
 * ${label:KEY}} into the string values of rendered objects, with {@code $${...}} as the escape for
 * a literal {@code ${...}}. Pure functions over object trees.
 */
package dev.flotilla.render.substitute;
