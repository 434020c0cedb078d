package dev.flotilla.hub.store;

import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteBatchStoreTest extends BatchStoreContract {
  @TempDir Path dir;

  @Override
  protected HubStore open() {
    return JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
  }
}
