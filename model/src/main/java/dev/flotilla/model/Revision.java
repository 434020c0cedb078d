package dev.flotilla.model;

/** A source revision, usually a Git commit id; opaque apart from being non-blank. */
public record Revision(String id) {
  public Revision {
    if (id == null
        || id.isBlank()
        || id.length() > 128
        || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("not a revision (1-128 non-blank characters): " + id);
    }
  }

  /** Git's customary 7-character abbreviation. */
  public String shortId() {
    return id.length() > 7 ? id.substring(0, 7) : id;
  }

  @Override
  public String toString() {
    return id;
  }
}
