package io.nixunits.agent.command;

import io.nixunits.model.ContainerId;
import io.nixunits.model.InvalidContainerIdException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns a command-line argument into a {@link ContainerId}, or a usage error naming the value and the rule. */
final class ContainerIdConverter implements ITypeConverter<ContainerId> {
    @Override
    public ContainerId convert(String value) {
        try {
            return ContainerId.parse(value);
        } catch (InvalidContainerIdException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
