package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;

/**
 * The agent's configuration is invalid: a broken configuration file, an unknown key, or a value
 * that cannot be used. The message names the key, where the value came from, and the fix.
 */
public final class ConfigException extends AgentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
