package dev.flotilla.cli.sim;

import dev.flotilla.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the labels of simulated clusters: a region and a device model, each from a weighted list
 * ({@code eu-west:5,us-east:3,ap-south:2}; a missing weight is 1), plus {@code tier=edge}. Pure:
 * the labels of cluster {@code i} depend only on the seed and {@code i}.
 */
public record LabelDistribution(List<Weighted> regions, List<Weighted> models, long seed) {
  public static final String DEFAULT_REGIONS = "eu-west:5,us-east:3,ap-south:2";
  public static final String DEFAULT_MODELS = "rpi4:3,nuc:1";

  /** One value and its relative weight. */
  public record Weighted(String value, int weight) {
    public Weighted {
      if (!dev.flotilla.model.Names.isDnsLabel(value)) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a valid label value (lower-case letters, digits, '-')");
      }
      if (weight <= 0) {
        throw new IllegalArgumentException("the weight of '" + value + "' must be positive");
      }
    }
  }

  public LabelDistribution {
    regions = List.copyOf(regions);
    models = List.copyOf(models);
    if (regions.isEmpty() || models.isEmpty()) {
      throw new IllegalArgumentException("--regions and --models need at least one value each");
    }
  }

  /** Parses {@code --regions} / {@code --models} text: {@code a:3,b,c:2}. */
  public static List<Weighted> parse(String flag, String text) {
    List<Weighted> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.indexOf(':');
      try {
        out.add(
            colon < 0
                ? new Weighted(p, 1)
                : new Weighted(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            flag + ": '" + p + "': " + e.getMessage() + " (expected value[:weight],…)", e);
      }
    }
    return out;
  }

  /** The labels of cluster number {@code index}. */
  public Labels labelsOf(long index) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    return Labels.of(
        "region", pick(regions, random), "model", pick(models, random), "tier", "edge");
  }

  /** The name of cluster number {@code index}: region, model and a zero-padded number. */
  public String nameOf(long index, Labels labels) {
    return "sim-%s-%s-%07d"
        .formatted(labels.get("region").orElseThrow(), labels.get("model").orElseThrow(), index);
  }

  private static String pick(List<Weighted> values, SplittableRandom random) {
    int total = values.stream().mapToInt(Weighted::weight).sum();
    int r = random.nextInt(total);
    for (Weighted w : values) {
      r -= w.weight();
      if (r < 0) {
        return w.value();
      }
    }
    throw new AssertionError("weights sum to " + total);
  }
}
