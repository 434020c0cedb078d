package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.kustomize.Kustomization.Generator;
import dev.flotilla.render.kustomize.Kustomization.GeneratorOptions;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code configMapGenerator} and {@code secretGenerator}: builds a ConfigMap or Secret from
 * literals, files and env files (read through {@link RepoFiles}, so never from outside the
 * repository), with generator options. Env files may not defer to the process environment: a line
 * without {@code =} is an error, keeping renders reproducible.
 */
final class DataGenerator {
  private final RepoFiles files;

  DataGenerator(RepoFiles files) {
    this.files = files;
  }

  Resource generate(Generator g, boolean secret, GeneratorOptions global, Path dir, String kfile)
      throws RenderException {
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, String> binary = new LinkedHashMap<>();
    for (String env : g.envs()) {
      Path p = files.resolve(dir, env, kfile, g.field() + ".envs");
      String text = utf8(files.read(p), files.rel(p));
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].replace("\r", "");
        if (i == 0 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
          throw new RenderException(
              files.rel(p),
              "line "
                  + (i + 1)
                  + ": expected KEY=VALUE (values are never taken from the environment)");
        }
        put(data, trimmed.substring(0, eq), trimmed.substring(eq + 1), files.rel(p));
      }
    }
    for (String literal : g.literals()) {
      int eq = literal.indexOf('=');
      if (eq <= 0) {
        throw new RenderException(
            kfile, "field '" + g.field() + ".literals': '" + literal + "' is not KEY=VALUE");
      }
      put(data, literal.substring(0, eq), unquote(literal.substring(eq + 1)), kfile);
    }
    for (String f : g.files()) {
      String key;
      String ref;
      int eq = f.indexOf('=');
      if (eq > 0) {
        key = f.substring(0, eq);
        ref = f.substring(eq + 1);
      } else {
        ref = f;
        key = Path.of(f).getFileName().toString();
      }
      Path p = files.resolve(dir, ref, kfile, g.field() + ".files");
      if (files.isDirectory(p)) {
        throw new RenderException(
            kfile, "field '" + g.field() + ".files': '" + ref + "' is a directory");
      }
      byte[] bytes = files.read(p);
      String text = decode(bytes);
      if (text == null) {
        if (data.containsKey(key) || binary.containsKey(key)) {
          throw new RenderException(kfile, "cannot add key '" + key + "': it already exists");
        }
        binary.put(key, base64Lines(bytes));
      } else {
        put(data, key, text, kfile);
      }
    }
    GeneratorOptions opts = g.options().over(global);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "v1");
    body.put("kind", secret ? "Secret" : "ConfigMap");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", g.name());
    if (!g.namespace().isEmpty()) {
      meta.put("namespace", g.namespace());
    }
    if (!opts.labels().isEmpty()) {
      meta.put("labels", new LinkedHashMap<String, Object>(opts.labels()));
    }
    if (!opts.annotations().isEmpty()) {
      meta.put("annotations", new LinkedHashMap<String, Object>(opts.annotations()));
    }
    body.put("metadata", meta);
    if (secret) {
      body.put("type", g.type().isEmpty() ? "Opaque" : g.type());
      Map<String, Object> enc = new LinkedHashMap<>();
      data.forEach((k, v) -> enc.put(k, base64Lines(v.getBytes(StandardCharsets.UTF_8))));
      enc.putAll(binary);
      if (!enc.isEmpty()) {
        body.put("data", enc);
      }
    } else {
      if (!data.isEmpty()) {
        body.put("data", new LinkedHashMap<String, Object>(data));
      }
      if (!binary.isEmpty()) {
        body.put("binaryData", new LinkedHashMap<String, Object>(binary));
      }
    }
    if (Boolean.TRUE.equals(opts.immutable())) {
      body.put("immutable", true);
    }
    Resource r = new Resource(body, kfile);
    r.setGenerator(
        new Resource.GeneratorInfo(
            g.behavior(), !Boolean.TRUE.equals(opts.disableNameSuffixHash())));
    return r;
  }

  /** Base64 broken into 70-character lines, each ending in a newline, once it needs two. */
  static String base64Lines(byte[] bytes) {
    String b = Base64.getEncoder().encodeToString(bytes);
    int lines = b.length() / 70 + 1;
    if (lines == 1) {
      return b;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length(); i += 70) {
      sb.append(b, i, Math.min(b.length(), i + 70)).append('\n');
    }
    return sb.toString();
  }

  private static void put(Map<String, String> data, String key, String value, String file)
      throws RenderException {
    if (!key.matches("[-._a-zA-Z0-9]+")) {
      throw new RenderException(file, "'" + key + "' is not a valid ConfigMap or Secret key");
    }
    if (data.containsKey(key)) {
      throw new RenderException(file, "cannot add key '" + key + "': it already exists");
    }
    data.put(key, value);
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static String utf8(byte[] bytes, String file) throws RenderException {
    String s = decode(bytes);
    if (s == null) {
      throw new RenderException(file, "is not UTF-8 text");
    }
    return s;
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
