package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The checks apply to the options and to their environment variables, which picocli converts alike. */
class UnitHashOptionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"x86_64-linux", "aarch64-linux", "i686-linux", "riscv64-linux", ""})
    void acceptsLinuxSystems(String system) {
        assertEquals(system, new UnitHashOptions.SystemConverter().convert(system));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86 64", "x86_64", "x86_64-darwin", "X86_64-linux", "main"})
    void rejectsOtherSystems(String system) {
        assertThrows(TypeConversionException.class, () -> new UnitHashOptions.SystemConverter().convert(system));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef01234567", "1d4c88f", "24.05", "24.05.20240601.abc1234",
        ""})
    void acceptsCommitsAndVersions(String revision) {
        assertEquals(revision, new UnitHashOptions.RevisionConverter().convert(revision));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "nixos-unstable", "nixos-24.05", "1d4c", "a b", "0123456789abcdef0123456789abcdef012345678"})
    void rejectsBranchesAndTypos(String revision) {
        assertThrows(TypeConversionException.class, () -> new UnitHashOptions.RevisionConverter().convert(revision));
    }
}
