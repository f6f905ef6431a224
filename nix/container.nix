# Evaluates container declarations and builds their NixOS systems. Needs
# nixpkgs: `nixpkgsPath` is its source (for nixos/lib/eval-config.nix) and
# `pkgs` the package set of the target system.
{ nixpkgsPath, pkgs }:
let
  inherit (pkgs) lib;
  nixunitsLib = import ./lib;

  # Evaluate a config.nix against the declaration options. The file is a
  # function of { pkgs, lib, properties, id, config, ... } (or a plain
  # attribute set); `config` is the evaluated declaration itself.
  evalDeclaration = { configFile, properties, id }:
    let
      declarationModule = { config, ... }:
        let
          imported = import configFile;
          value =
            if builtins.isFunction imported
            then imported { inherit pkgs lib properties id config; }
            else imported;
        in
        {
          _file = toString configFile;
          # Everything config.nix returns is option values, including its
          # `config` attribute (the container's NixOS module).
          config = value;
        };
    in
    (lib.evalModules {
      modules = [ ./container-options.nix declarationModule ];
    }).config;

  # Every regular *.nix file directly in `dir`, as a path, sorted by name.
  modulesIn = dir:
    let
      path = if builtins.isPath dir then dir else /. + dir;
      entries = builtins.readDir path;
      isModule = name: entries.${name} == "regular" && lib.hasSuffix ".nix" name;
    in
    if dir == null then [ ] else map (name: path + "/${name}") (builtins.filter isModule (builtins.attrNames entries));

  # Build the NixOS system of a container from its declaration's `config`
  # and the shared modules.
  evalSystem = { id, properties ? { }, containerConfig, sharedModules ? [ ] }:
    import (nixpkgsPath + "/nixos/lib/eval-config.nix") {
      system = null;
      modules = [
        ./container-system.nix
        { nixpkgs.pkgs = pkgs; networking.hostName = lib.mkDefault id; }
        containerConfig
      ] ++ sharedModules;
      specialArgs = { inherit id properties; };
    };

  renderUnitConf = { id, declaration, systemPath, stateDir, storeMode }:
    nixunitsLib.renderUnitConf {
      inherit id declaration systemPath stateDir storeMode;
      inherit (pkgs) writeText;
    };

  # Build a container. With `id`, the result is a directory with
  #   system                    the NixOS system (SYSTEM_PATH in unit.conf)
  #   init                      link to system/init
  #   etc/nixunits/<id>.conf    unit.conf
  # Without `id`, it is the NixOS system alone: the base build that the
  # shared store keeps, evaluated with the given (placeholder) properties.
  mkContainer =
    { configFile
    , id ? null
    , propertiesJSON
    , modulesDir ? null
    , stateDir ? "/var/lib/nixunits"
    }:
    let
      properties = builtins.fromJSON propertiesJSON;
      evalId = if id != null then id else properties.id or "base";
      declaration = evalDeclaration { inherit configFile properties; id = evalId; };
      system = (evalSystem {
        inherit properties;
        id = evalId;
        containerConfig = declaration.config;
        sharedModules = modulesIn modulesDir;
      }).config.system.build.toplevel;
      unitConf = pkgs.writeText "${evalId}.conf" (renderUnitConf {
        inherit declaration stateDir;
        id = evalId;
        systemPath = system;
        storeMode = "overlay";
      });
    in
    if id == null then
      system
    else
      pkgs.runCommand "nixunits-container-${id}" { } ''
        mkdir -p $out/etc/nixunits
        ln -s ${system} $out/system
        ln -s ${system}/init $out/init
        cp ${unitConf} $out/etc/nixunits/${id}.conf
      '';
in
{
  inherit evalDeclaration evalSystem modulesIn renderUnitConf mkContainer;
}
