# The agent and the `nixunits` command, built with Maven from the root
# pom.xml (modules state-model and agent) into one shaded jar.
{ lib, maven, jre_headless, makeWrapper, src, version ? "0.1.0" }:
maven.buildMavenPackage {
  pname = "nixunits-agent";
  inherit version src;

  # Hash of the Maven dependencies that the fetch phase downloads.
  # TODO: replace with the hash that the first `nix build .#nixunits-agent`
  # prints; it could not be computed without network access to Maven Central
  # from Nix.
  mvnHash = lib.fakeHash;

  mvnParameters = "-pl state-model,agent -am";

  nativeBuildInputs = [ makeWrapper ];

  # Both commands come from the same jar, run by the repository's launchers
  # (bin/), which give the daemon its memory-capping JVM options; the
  # launchers find the jar in ../lib/nixunits/ and Java in JAVA_HOME.
  installPhase = ''
    runHook preInstall
    install -Dm644 agent/target/nixunits-agent.jar $out/lib/nixunits/nixunits-agent.jar
    install -Dm755 bin/nixunits-agent $out/bin/nixunits-agent
    install -Dm755 bin/nixunits $out/bin/nixunits
    wrapProgram $out/bin/nixunits-agent --set-default JAVA_HOME ${jre_headless}

    # The class data sharing archive that the launchers map for one-shot commands and hooks,
    # made for the installed jar and this JRE. It records the jar's modification time, which
    # the store sets to 1 once the build ends, so the jar gets that time first.
    # NOTE: untested here, for lack of a nixpkgs checkout; tests/launcher/run covers the script.
    touch -d @1 $out/lib/nixunits/nixunits-agent.jar
    JAVA_HOME=${jre_headless} sh bin/nixunits-class-archive $out/lib/nixunits/nixunits-agent.jar
    runHook postInstall
  '';

  meta = {
    description = "NixUnits agent and command: NixOS services in systemd-nspawn containers";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux;
    mainProgram = "nixunits-agent";
  };
}
