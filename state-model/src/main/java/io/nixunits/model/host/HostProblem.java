package io.nixunits.model.host;

/** An entry under {@code containers/} that is not a container this tool can manage. */
public record HostProblem(String name, String message) {
}
