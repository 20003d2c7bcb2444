package se.arkiv.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.index.*}.
 *
 * @param dir the on-disk Lucene index (derived: delete it and it is rebuilt from the store)
 * @param configDir analysis configuration: {@code stopwords_sv.txt}, {@code stopwords_en.txt}
 * @param refreshInterval how soon a filed record becomes searchable
 * @param commitInterval how often the index is made durable (a crash replays from the store)
 * @param maxPageSize the largest {@code size} a search may ask for
 * @param maxWindow the deepest {@code page * size} reachable without a cursor; the search page
 *     offers a next page only within it
 * @param fullCatchUpInterval how often the whole index is compared with the store and mended (also
 *     at start-up); in between only records whose indexing failed are indexed again
 * @param rebuildThreads threads that rebuild an empty index from the store; 0: one per core
 */
@ConfigurationProperties("arkiv.index")
public record SearchSettings(
    @DefaultValue("./index/data") Path dir,
    @DefaultValue("./index") Path configDir,
    @DefaultValue("1s") Duration refreshInterval,
    @DefaultValue("60s") Duration commitInterval,
    @DefaultValue("100") int maxPageSize,
    @DefaultValue("10000") int maxWindow,
    @DefaultValue("24h") Duration fullCatchUpInterval,
    @DefaultValue("0") int rebuildThreads) {}
