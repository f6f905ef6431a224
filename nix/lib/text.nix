# String and list helpers written with builtins only, so that this folder
# evaluates on a bare Nix without nixpkgs.
rec {
  concatMapStrings = f: list: builtins.concatStringsSep "" (map f list);

  hasPrefix = prefix: s:
    builtins.substring 0 (builtins.stringLength prefix) s == prefix;

  # Remove every element of `remove` from `list`, keeping the order of `list`.
  subtractLists = remove: list: builtins.filter (x: !builtins.elem x remove) list;

  # The names of `attrs` whose value satisfies `pred`, in attribute order.
  namesWhere = pred: attrs:
    builtins.filter (name: pred attrs.${name}) (builtins.attrNames attrs);

  # Split on one separator character; "a::b" gives [ "a" "" "b" ].
  splitOn = sep: s: builtins.filter builtins.isString (builtins.split sep s);

  joinQuoted = names: builtins.concatStringsSep ", " (map (n: "'${n}'") names);

  hasWhitespace = s: builtins.match ".*[[:space:]].*" s != null;

  hasControlCharacter = s: builtins.match ".*[[:cntrl:]].*" s != null;

  # Non-negative decimal integer from a string of digits, or null.
  parseDecimal = s:
    if builtins.match "[0-9]{1,9}" s == null then null else builtins.fromJSON (stripLeadingZeros s);

  stripLeadingZeros = s:
    let m = builtins.match "0*([0-9]+)" s; in if m == null then s else builtins.head m;
}
