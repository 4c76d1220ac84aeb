-- The Lua module as a rock.  The C engine builds with the same flags as in
-- the source tree (-ffp-contract=off keeps the bits equal to C and Octave);
-- it links the system BLAS (Debian: libblas-dev).
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
build = {
  type = "builtin",
  modules = {
    initlab = "lua/initlab.lua",
    ["initlab.errors"] = "lua/initlab/errors.lua",
    ["initlab.files"] = "lua/initlab/files.lua",
    ["initlab.crc32"] = "lua/initlab/crc32.lua",
    ["initlab.octfile"] = "lua/initlab/octfile.lua",
    ["initlab.netfile"] = "lua/initlab/netfile.lua",
    ["initlab.records"] = "lua/initlab/records.lua",
    ["initlab.gnuplot"] = "lua/initlab/gnuplot.lua",
    ["initlab.core"] = {
      sources = {"lua/initlab_core.c", "lua/matrix.c", "src/act.c", "src/contract.c", "src/dataset.c", "src/gain.c",
                 "src/init.c", "src/linalg.c", "src/names.c", "src/net.c", "src/pass.c",
                 "src/record.c", "src/rng.c", "src/stats.c", "src/status.c", "src/train.c"},
      incdirs = {"src"},
      libraries = {"blas", "m"},
      defines = {},
    },
  },
}
