package dev.flotilla.render.substitute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
  private static final Map<String, String> VALUES =
      Map.of("cluster.name", "edge-1", "label:region", "eu");

  @Test
  void replacesFlotillaVariablesOnly() {
    var r =
        Substitution.apply(
            Map.of(
                "a",
                "${cluster.name}/${label:region}",
                "b",
                "${HOME}",
                "c",
                List.of("${cluster.name}")),
            n -> Optional.ofNullable(VALUES.get(n)));
    assertThat(r.unresolved()).isEmpty();
    assertThat(r.tree())
        .containsEntry("a", "edge-1/eu")
        .containsEntry("b", "${HOME}")
        .containsEntry("c", List.of("edge-1"));
  }

  @Test
  void theDoubleDollarEscapeIsAlwaysLiteral() {
    var r = Substitution.apply(Map.of("a", "$${cluster.name} $${x}"), n -> Optional.of("v"));
    assertThat(r.tree()).containsEntry("a", "${cluster.name} ${x}");
  }

  @Test
  void reportsTheFirstUnresolvedVariableWithItsField() {
    var r =
        Substitution.apply(
            Map.of("spec", Map.of("env", List.of(Map.of("value", "${label:zone}")))),
            n -> Optional.empty());
    assertThat(r.unresolved())
        .contains(new Substitution.Unresolved("label:zone", "spec.env[0].value"));
  }

  @Test
  void collectsReferencedVariablesButNotEscapedOnes() {
    assertThat(
            Substitution.referenced(
                List.of(Map.of("a", "${cluster.id} $${cluster.name} ${label:x} ${OTHER}"))))
        .containsExactly("cluster.id", "label:x");
  }
}
