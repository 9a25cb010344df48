MATCH (i:EmbItem) DELETE i;
