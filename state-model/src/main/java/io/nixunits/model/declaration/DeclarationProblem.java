package io.nixunits.model.declaration;

/**
 * A declaration that was rejected. {@code name} is the directory name as found, which may
 * not be a valid container id; {@code message} says what is wrong and how to fix it.
 */
public record DeclarationProblem(String name, String file, String message) {
}
