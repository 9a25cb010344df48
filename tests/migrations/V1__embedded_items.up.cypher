// Two items, built into the test binary by embed_migrations!.
CREATE (:EmbItem {n: 1});
CREATE (:EmbItem {n: 2});
