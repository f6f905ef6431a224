package io.nixunits.model.inventory;

import io.nixunits.model.StateModelException;

/** The inventory file cannot be read or written; {@link #path()} names it. */
public final class InventoryException extends StateModelException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InventoryException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
