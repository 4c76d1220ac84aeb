-- The Lua module as a rock.  The C engine builds with the same flags as in
-- the source tree (-ffp-contract=off keeps the bits equal to C and Octave);
-- it links the system BLAS (Debian: libblas-dev) and needs make and a C
-- compiler.
package = "initlab"
version = "0.1.0-1"
source = {url = "git+file:///initlab"}
description = {
  summary = "Fully connected networks with chosen initializers, trained and inspected at every iteration",
  detailed = [[
Build networks, choose how their weights start (zeros, randn*k, Xavier,
He, LeCun, orthogonal, LSUV, ...), train them and record per iteration the
weights, distinct units, saturated and dead units, activation and gradient
statistics.  The same seed gives the same numbers as the Octave functions.]],
  license = "MIT",
}
dependencies = {"lua >= 5.4"}
external_dependencies = {BLAS = {library = "blas"}}
-- A "command" build: the engine embeds its report page (src/report.html)
-- through a generated source file, which the Makefile makes; the module
-- files are then installed from where `make lua` put them.
build = {
  type = "command",
  build_command = "make lua",
  install = {
    lua = {
      initlab = "lua/initlab.lua",
      ["initlab.errors"] = "lua/initlab/errors.lua",
      ["initlab.files"] = "lua/initlab/files.lua",
      ["initlab.crc32"] = "lua/initlab/crc32.lua",
      ["initlab.octfile"] = "lua/initlab/octfile.lua",
      ["initlab.netfile"] = "lua/initlab/netfile.lua",
      ["initlab.records"] = "lua/initlab/records.lua",
      ["initlab.gnuplot"] = "lua/initlab/gnuplot.lua",
    },
    lib = {["initlab.core"] = "build/lua/initlab/core.so"},
  },
}
