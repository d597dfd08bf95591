// Input for verify_diagnostics_mode.mlir: with -split-input-file, each chunk
// is checked on its own. Chunks 1 and 3 are right, chunk 2 is wrong, chunk 4
// has an unexpected parse error.
func.func @good_first() {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.for' op operand cannot be used as a symbol}}
    affine.for %j = 0 to %i {
    }
  }
  return
}

// -----

func.func @bad_second(%a: index) {
  // expected-error@+1 {{'affine.apply' op mapping must produce one value}}
  %0 = affine.min affine_map<() -> ()>()
  return
}

// -----

func.func @good_third(%a: index) {
  // expected-error@+1 {{'affine.min' op affine map expect at least one result}}
  %0 = affine.min affine_map<() -> ()>()
  return
}

// -----

func.func @bad_fourth(%a: index) {
  %0 = affine.apply affine_map<(d0) -> (d0)>()[%a]
  return
}
