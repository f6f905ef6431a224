package io.nixunits.agent.converge;

import io.nixunits.agent.AgentException;
import io.nixunits.model.ContainerId;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryEntry;
import io.nixunits.model.inventory.InventoryException;
import io.nixunits.model.inventory.InventoryStore;
import java.util.Optional;

/**
 * The inventory during an apply: each change is written at once, so an apply that is killed
 * halfway still records the containers it took over. Safe to call from several threads.
 */
final class InventoryRecorder {
    private final InventoryStore store;
    private Inventory inventory;

    InventoryRecorder(InventoryStore store, Inventory inventory) {
        this.store = store;
        this.inventory = inventory;
    }

    synchronized Optional<InventoryEntry> get(ContainerId id) {
        return inventory.get(id);
    }

    synchronized void put(InventoryEntry entry) throws AgentException {
        write(inventory.with(entry));
    }

    synchronized void remove(ContainerId id) throws AgentException {
        write(inventory.without(id));
    }

    /** Writes {@code updated}; the model's inventory error becomes the agent's, with the same message. */
    private void write(Inventory updated) throws AgentException {
        try {
            store.write(updated);
        } catch (InventoryException e) {
            throw new AgentException(e.getMessage(), e);
        }
        inventory = updated;
    }
}
