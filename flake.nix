{
  description = "NixUnits: NixOS services in declarative systemd-nspawn containers";

  # NOTE: flake.lock is not committed yet, because it cannot be created
  # without network access; the first `nix flake lock` pins nixpkgs.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      # Only what the Maven build reads, so that edits elsewhere (nix/,
      # docs/) do not change the package's source hash.
      mavenSource = nixpkgs.lib.fileset.toSource {
        root = ./.;
        fileset = nixpkgs.lib.fileset.unions [ ./pom.xml ./state-model ./agent ];
      };

      # The package of this flake for the system of a NixOS configuration.
      defaultPackage = { lib, pkgs, ... }: {
        _file = "nixunits flake";
        config = {
          services.nixunits.package = lib.mkDefault self.packages.${pkgs.stdenv.hostPlatform.system}.nixunits-agent;
          services.nixunits-agent.package = lib.mkDefault self.packages.${pkgs.stdenv.hostPlatform.system}.nixunits-agent;
        };
      };
    in
    {
      packages = forAllSystems (pkgs: rec {
        nixunits-agent = pkgs.callPackage ./nix/package.nix { src = mavenSource; };
        default = nixunits-agent;
      });

      nixosModules = {
        host = { imports = [ ./nix/modules/host.nix defaultPackage ]; };
        agent = { imports = [ ./nix/modules/agent.nix defaultPackage ]; };
        default = { imports = [ ./nix/modules/host.nix ./nix/modules/agent.nix defaultPackage ]; };
      };

      # lib.<system>.mkContainer { configFile, id ? null, propertiesJSON, modulesDir ? null }
      lib = forAllSystems (pkgs: {
        inherit (import ./nix/container.nix { nixpkgsPath = nixpkgs; inherit pkgs; }) mkContainer;
      });

      # `nix run .#install-units` on a systemd host that is not NixOS: the
      # unit templates into /etc/systemd/system, and the commands into
      # /usr/local/bin (where the units call them).
      apps = forAllSystems (pkgs:
        let
          unitFiles = pkgs.linkFarm "nixunits-units"
            (pkgs.lib.mapAttrsToList (name: text: { inherit name; path = pkgs.writeText name text; })
              (import ./nix/plain-units.nix { }));
          installUnits = pkgs.writeShellScript "install-units" ''
            exec ${pkgs.bash}/bin/sh ${./nix/units/install-units.sh} \
              --source ${unitFiles} --package ${self.packages.${pkgs.stdenv.hostPlatform.system}.nixunits-agent} "$@"
          '';
        in
        {
          install-units = {
            type = "app";
            program = "${installUnits}";
          };
        });
    };
}
