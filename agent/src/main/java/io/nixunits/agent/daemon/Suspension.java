package io.nixunits.agent.daemon;

/**
 * Why and since when the agent is suspended: it keeps fetching and planning but applies nothing.
 *
 * @param since when {@code nixunits-agent suspend} ran, ISO-8601
 */
public record Suspension(
        String reason,
        String since,
        String user) {
}
