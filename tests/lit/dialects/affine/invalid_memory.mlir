// Verifier and parser errors of affine.load, affine.store,
// affine.vector_load, affine.vector_store and affine.prefetch.
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @load_too_few_subscripts(%m: memref<4x4xf32>, %i: index) {
  // expected-error@+1 {{'affine.load' op affine map num results must equal memref rank}}
  %v = affine.load %m[%i] : memref<4x4xf32>
  return
}

// -----

func.func @store_too_many_subscripts(%m: memref<4x4xf32>, %i: index, %x: f32) {
  // expected-error@+1 {{'affine.store' op affine map num results must equal memref rank}}
  affine.store %x, %m[%i, %i, %i] : memref<4x4xf32>
  return
}

// -----

func.func @load_map_inputs_vs_operands(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.load' op expects as many subscripts as affine map inputs}}
  %v = "affine.load"(%m, %i, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<4xf32>, index, index) -> f32
  return
}

// -----

func.func @store_map_inputs_vs_operands(%m: memref<4xf32>, %x: f32) {
  // expected-error@+1 {{'affine.store' op expects as many subscripts as affine map inputs}}
  "affine.store"(%x, %m) <{map = affine_map<(d0) -> (d0)>}> : (f32, memref<4xf32>) -> ()
  return
}

// -----

func.func @load_index_not_index(%m: memref<4xf32>, %i: i32) {
  // expected-error@+1 {{'affine.load' op operand #1 must be variadic of index, but got 'i32'}}
  %v = "affine.load"(%m, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<4xf32>, i32) -> f32
  return
}

// -----

func.func @load_result_type(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.load' op result type must match element type of memref}}
  %v = "affine.load"(%m, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<4xf32>, index) -> f64
  return
}

// -----

func.func @store_value_type(%m: memref<4xf32>, %i: index, %x: f64) {
  // expected-error@+1 {{'affine.store' op value to store must have the same type as memref element type}}
  "affine.store"(%x, %m, %i) <{map = affine_map<(d0) -> (d0)>}> : (f64, memref<4xf32>, index) -> ()
  return
}

// -----

func.func @load_missing_map(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.load' op requires attribute 'map'}}
  %v = "affine.load"(%m, %i) : (memref<4xf32>, index) -> f32
  return
}

// -----

func.func @load_invalid_dim(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.load' op operand cannot be used as a dimension id}}
    %w = affine.load %m[%v] : memref<?xindex>
  }
  return
}

// -----

func.func @load_iv_as_symbol(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.load' op operand cannot be used as a symbol}}
    %w = affine.load %m[symbol(%i)] : memref<?xindex>
  }
  return
}

// -----

func.func @store_invalid_dim(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.store' op operand cannot be used as a dimension id}}
    affine.store %v, %m[%v] : memref<?xindex>
  }
  return
}

// -----

// A block argument of a region that is neither an affine loop nor an affine
// scope is not a valid dimension.
func.func @load_scf_iv_as_dim(%m: memref<?xf32>, %lb: index, %ub: index, %st: index) {
  scf.for %i = %lb to %ub step %st {
    // expected-error@+1 {{'affine.load' op operand cannot be used as a dimension id}}
    %v = affine.load %m[%i] : memref<?xf32>
  }
  return
}

// -----

func.func @store_missing_subscripts(%m: memref<4xf32>, %x: f32) {
  // expected-error@+1 {{expected '[' in affine map}}
  affine.store %x, %m : memref<4xf32>
  return
}

// -----

func.func @load_from_tensor(%t: tensor<4xf32>, %i: index) {
  // expected-error@+1 {{custom op 'affine.load' invalid kind of type specified: expected builtin.memref, but found 'tensor<4xf32>'}}
  %v = affine.load %t[%i] : tensor<4xf32>
  return
}

// -----

func.func @vector_load_element_type(%m: memref<100xf32>, %i: index) {
  // expected-error@+1 {{'affine.vector_load' op requires memref and vector types of the same elemental type}}
  %v = affine.vector_load %m[%i] : memref<100xf32>, vector<8xf64>
  return
}

// -----

func.func @vector_store_element_type(%m: memref<100xf32>, %i: index, %x: vector<8xf64>) {
  // expected-error@+1 {{'affine.vector_store' op requires memref and vector types of the same elemental type}}
  affine.vector_store %x, %m[%i] : memref<100xf32>, vector<8xf64>
  return
}

// -----

// A memref of vectors has a vector element type, which never equals the
// vector's scalar element type.
func.func @vector_load_from_vector_memref(%m: memref<100xvector<8xf32>>, %i: index) {
  // expected-error@+1 {{'affine.vector_load' op requires memref and vector types of the same elemental type}}
  %v = affine.vector_load %m[%i] : memref<100xvector<8xf32>>, vector<8xf32>
  return
}

// -----

func.func @vector_store_to_vector_memref(%m: memref<100xvector<8xf32>>, %i: index, %x: vector<8xf32>) {
  // expected-error@+1 {{'affine.vector_store' op requires memref and vector types of the same elemental type}}
  affine.vector_store %x, %m[%i] : memref<100xvector<8xf32>>, vector<8xf32>
  return
}

// -----

func.func @vector_load_scalar_result(%m: memref<100xf32>, %i: index) {
  // expected-error@+1 {{'affine.vector_load' op result #0 must be vector of any type values, but got 'f32'}}
  %v = "affine.vector_load"(%m, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<100xf32>, index) -> f32
  return
}

// -----

func.func @vector_load_scalar_type(%m: memref<100xf32>, %i: index) {
  // expected-error@+1 {{custom op 'affine.vector_load' invalid kind of type specified: expected builtin.vector, but found 'f32'}}
  %v = affine.vector_load %m[%i] : memref<100xf32>, f32
  return
}

// -----

func.func @vector_load_rank(%m: memref<100x100xf32>, %i: index) {
  // expected-error@+1 {{'affine.vector_load' op affine map num results must equal memref rank}}
  %v = affine.vector_load %m[%i] : memref<100x100xf32>, vector<8xf32>
  return
}

// -----

func.func @vector_store_rank(%m: memref<100xf32>, %i: index, %x: vector<8xf32>) {
  // expected-error@+1 {{'affine.vector_store' op affine map num results must equal memref rank}}
  affine.vector_store %x, %m[%i, %i] : memref<100xf32>, vector<8xf32>
  return
}

// -----

func.func @vector_load_map_inputs(%m: memref<100xf32>, %i: index) {
  // expected-error@+1 {{'affine.vector_load' op expects as many subscripts as affine map inputs}}
  %v = "affine.vector_load"(%m, %i, %i) <{map = affine_map<(d0) -> (d0)>}> : (memref<100xf32>, index, index) -> vector<8xf32>
  return
}

// -----

func.func @vector_load_iv_as_symbol(%m: memref<?xf32>) {
  affine.for %i = 0 to 10 {
    // expected-error@+1 {{'affine.vector_load' op operand cannot be used as a symbol}}
    %w = affine.vector_load %m[symbol(%i)] : memref<?xf32>, vector<4xf32>
  }
  return
}

// -----

func.func @vector_store_invalid_dim(%m: memref<?xf32>, %idx: memref<?xindex>, %x: vector<4xf32>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %idx[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.vector_store' op operand cannot be used as a dimension id}}
    affine.vector_store %x, %m[%v] : memref<?xf32>, vector<4xf32>
  }
  return
}

// -----

func.func @prefetch_rank(%m: memref<4x4xf32>, %i: index) {
  // expected-error@+1 {{'affine.prefetch' op affine.prefetch affine map num results must equal memref rank}}
  affine.prefetch %m[%i], read, locality<3>, data : memref<4x4xf32>
  return
}

// -----

func.func @prefetch_missing_operand(%m: memref<4xf32>) {
  // expected-error@+1 {{'affine.prefetch' op too few operands}}
  "affine.prefetch"(%m) <{isDataCache = true, isWrite = false, localityHint = 3 : i32, map = affine_map<(d0) -> (d0)>}> : (memref<4xf32>) -> ()
  return
}

// -----

// The same message covers too many operands.
func.func @prefetch_extra_operand(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.prefetch' op too few operands}}
  "affine.prefetch"(%m, %i, %i) <{isDataCache = true, isWrite = false, localityHint = 3 : i32, map = affine_map<(d0) -> (d0)>}> : (memref<4xf32>, index, index) -> ()
  return
}

// -----

// Unlike load/store, prefetch has its own message for an invalid index.
func.func @prefetch_invalid_index(%m: memref<?xindex>) {
  affine.for %i = 0 to 10 {
    %v = affine.load %m[%i] : memref<?xindex>
    // expected-error@+1 {{'affine.prefetch' op index must be a valid dimension or symbol identifier}}
    affine.prefetch %m[%v], read, locality<3>, data : memref<?xindex>
  }
  return
}

// -----

func.func @prefetch_bad_rw(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{custom op 'affine.prefetch' rw specifier has to be 'read' or 'write'}}
  affine.prefetch %m[%i], load, locality<3>, data : memref<4xf32>
  return
}

// -----

func.func @prefetch_bad_cache(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{custom op 'affine.prefetch' cache type has to be 'data' or 'instr'}}
  affine.prefetch %m[%i], read, locality<3>, cache : memref<4xf32>
  return
}

// -----

func.func @prefetch_locality_too_high(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.prefetch' op attribute 'localityHint' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 0 whose maximum value is 3}}
  affine.prefetch %m[%i], read, locality<4>, data : memref<4xf32>
  return
}

// -----

func.func @prefetch_locality_negative(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{'affine.prefetch' op attribute 'localityHint' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 0 whose maximum value is 3}}
  affine.prefetch %m[%i], read, locality<-1>, data : memref<4xf32>
  return
}

// -----

func.func @prefetch_missing_locality(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{custom op 'affine.prefetch' expected 'locality'}}
  affine.prefetch %m[%i], read, data : memref<4xf32>
  return
}
