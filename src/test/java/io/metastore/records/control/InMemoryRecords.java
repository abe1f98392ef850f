package io.metastore.records.control;

import io.metastore.records.entity.RecordEntity;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records in memory for the unit tests of the write path's own rules (versions, results, ordering): what it stores is
 * the state of each row at every flush, so a test can compare a write's answer with what was "stored". Locking and
 * constraints are PostgreSQL's and are tested against it in the integration tests.
 */
public class InMemoryRecords extends RecordRepository {

    private final Map<String, RecordEntity> rows = new HashMap<>();
    /** Every state each key was flushed in, oldest first. */
    private final Map<String, List<RecordSnapshot>> flushed = new TreeMap<>();
    private final Map<String, RecordEntity> unflushed = new LinkedHashMap<>();

    @Override
    public Map<String, RecordEntity> lockExisting(Collection<String> keys) {
        Map<String, RecordEntity> found = new HashMap<>();
        keys.stream().filter(rows::containsKey).forEach(key -> found.put(key, rows.get(key)));
        found.values().forEach(record -> unflushed.put(record.key(), record));
        return found;
    }

    @Override
    public void add(RecordEntity record) {
        rows.put(record.key(), record);
        unflushed.put(record.key(), record);
    }

    /** Stores the state of every row the transaction touched, when it differs from the last stored one. */
    @Override
    public void flush() {
        for (RecordEntity record : unflushed.values()) {
            List<RecordSnapshot> states = flushed.computeIfAbsent(record.key(), k -> new java.util.ArrayList<>());
            RecordSnapshot now = RecordSnapshot.of(record);
            if (states.isEmpty() || !states.get(states.size() - 1).equals(now)) {
                states.add(now);
            }
        }
    }

    public List<RecordSnapshot> storedStates(String key) {
        return flushed.getOrDefault(key, List.of());
    }

    public RecordSnapshot stored(String key) {
        List<RecordSnapshot> states = storedStates(key);
        return states.get(states.size() - 1);
    }
}
