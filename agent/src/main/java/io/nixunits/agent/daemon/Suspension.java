package io.nixunits.agent.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why and since when the agent is suspended: it keeps fetching and planning but applies nothing.
 *
 * @param since when {@code nixunits-agent suspend} ran, ISO-8601
 */
public record Suspension(
        @JsonProperty("reason") String reason,
        @JsonProperty("since") String since,
        @JsonProperty("user") String user) {
}
