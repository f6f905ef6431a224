package io.nixunits.model.inventory;

import io.nixunits.model.ContainerId;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The containers the agent created or adopted. Only these may be deleted when their
 * declaration goes away; anything else on the host is left alone.
 */
public record Inventory(SortedMap<ContainerId, InventoryEntry> entries) {
    public Inventory {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public static Inventory empty() {
        return new Inventory(new TreeMap<>());
    }

    public boolean contains(ContainerId id) {
        return entries.containsKey(id);
    }

    public Optional<InventoryEntry> get(ContainerId id) {
        return Optional.ofNullable(entries.get(id));
    }

    public Inventory with(InventoryEntry entry) {
        TreeMap<ContainerId, InventoryEntry> updated = new TreeMap<>(entries);
        updated.put(entry.id(), entry);
        return new Inventory(updated);
    }

    public Inventory without(ContainerId id) {
        TreeMap<ContainerId, InventoryEntry> updated = new TreeMap<>(entries);
        updated.remove(id);
        return new Inventory(updated);
    }
}
