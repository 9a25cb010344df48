CREATE INDEX emb_item_n IF NOT EXISTS FOR (i:EmbItem) ON (i.n);
