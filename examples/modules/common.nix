# Shared module: every container of this repository imports it.
{ lib, ... }:
{
  time.timeZone = lib.mkDefault "Europe/Paris";
  i18n.defaultLocale = lib.mkDefault "en_US.UTF-8";
}
