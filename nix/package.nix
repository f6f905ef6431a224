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

  # Both commands come from the same jar: nixunits-agent runs its
  # Main-Class, nixunits runs the command-line tool's main class.
  installPhase = ''
    runHook preInstall
    install -Dm644 agent/target/nixunits-agent.jar $out/share/nixunits/nixunits-agent.jar
    makeWrapper ${jre_headless}/bin/java $out/bin/nixunits-agent \
      --add-flags "-jar $out/share/nixunits/nixunits-agent.jar"
    makeWrapper ${jre_headless}/bin/java $out/bin/nixunits \
      --add-flags "-cp $out/share/nixunits/nixunits-agent.jar io.nixunits.agent.command.NixUnitsMain"
    runHook postInstall
  '';

  meta = {
    description = "NixUnits agent and command: NixOS services in systemd-nspawn containers";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux;
    mainProgram = "nixunits-agent";
  };
}
