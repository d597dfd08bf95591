// Verifier and parser errors of the affine ops that no other test covers: affine.dma_start
// and affine.dma_wait, affine.yield not last in its block, single-block regions of
// affine.for / affine.if, a missing static_basis, and a non-map attribute alias given to
// affine.apply / affine.min / affine.if (MLIR 22 gives the same diagnostics).
//
// RUN: irkit-opt %s -split-input-file -verify-diagnostics

func.func @dma_start_src_not_memref(%f: f32, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op expected DMA source to be of memref type}}
  affine.dma_start %f[], %d[%i], %t[%i], %n : f32, memref<4xf32>, memref<1xi32>
  return
}

// -----

func.func @dma_start_dst_not_memref(%s: memref<4xf32>, %f: f32, %t: memref<1xi32>, %i: index, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op expected DMA destination to be of memref type}}
  affine.dma_start %s[%i], %f[], %t[%i], %n : memref<4xf32>, f32, memref<1xi32>
  return
}

// -----

func.func @dma_start_tag_not_memref(%s: memref<4xf32>, %d: memref<4xf32>, %f: i32, %i: index, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op expected DMA tag to be of memref type}}
  affine.dma_start %s[%i], %d[%i], %f[], %n : memref<4xf32>, memref<4xf32>, i32
  return
}

// -----

func.func @dma_start_bad_operand_count(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op incorrect number of operands}}
  "affine.dma_start"(%s, %i, %d, %i, %t, %i, %n, %n) {src_map = affine_map<(d0) -> (d0)>, dst_map = affine_map<(d0) -> (d0)>, tag_map = affine_map<(d0) -> (d0)>} : (memref<4xf32>, index, memref<4xf32>, index, memref<1xi32>, index, index, index) -> ()
  return
}

// -----

func.func @dma_start_three_types(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %n: index) {
  // expected-error@+1 {{expected three types}}
  affine.dma_start %s[%i], %d[%i], %t[%i], %n : memref<4xf32>, memref<4xf32>
  return
}

// -----

func.func @dma_start_one_stride(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %n: index) {
  // expected-error@+1 {{expected two stride related operands}}
  affine.dma_start %s[%i], %d[%i], %t[%i], %n, %n : memref<4xf32>, memref<4xf32>, memref<1xi32>
  return
}

// -----

func.func @dma_start_src_index_not_index(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %j: i32, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op src index to dma_start must have 'index' type}}
  "affine.dma_start"(%s, %j, %d, %i, %t, %i, %n) {src_map = affine_map<(d0) -> (d0)>, dst_map = affine_map<(d0) -> (d0)>, tag_map = affine_map<(d0) -> (d0)>} : (memref<4xf32>, i32, memref<4xf32>, index, memref<1xi32>, index, index) -> ()
  return
}

// -----

func.func @dma_start_dst_index_not_index(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %j: i32, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op dst index to dma_start must have 'index' type}}
  "affine.dma_start"(%s, %i, %d, %j, %t, %i, %n) {src_map = affine_map<(d0) -> (d0)>, dst_map = affine_map<(d0) -> (d0)>, tag_map = affine_map<(d0) -> (d0)>} : (memref<4xf32>, index, memref<4xf32>, i32, memref<1xi32>, index, index) -> ()
  return
}

// -----

func.func @dma_start_tag_index_not_index(%s: memref<4xf32>, %d: memref<4xf32>, %t: memref<1xi32>, %i: index, %j: i32, %n: index) {
  // expected-error@+1 {{'affine.dma_start' op tag index to dma_start must have 'index' type}}
  "affine.dma_start"(%s, %i, %d, %i, %t, %j, %n) {src_map = affine_map<(d0) -> (d0)>, dst_map = affine_map<(d0) -> (d0)>, tag_map = affine_map<(d0) -> (d0)>} : (memref<4xf32>, index, memref<4xf32>, index, memref<1xi32>, i32, index) -> ()
  return
}

// -----

func.func @dma_wait_tag_not_memref_custom(%f: i32, %n: index) {
  // expected-error@+1 {{expected tag to be of memref type}}
  affine.dma_wait %f[], %n : i32
  return
}

// -----

func.func @dma_wait_tag_not_memref_generic(%f: i32, %n: index) {
  // expected-error@+1 {{'affine.dma_wait' op expected DMA tag to be of memref type}}
  "affine.dma_wait"(%f, %n) {tag_map = affine_map<() -> ()>} : (i32, index) -> ()
  return
}

// -----

func.func @dma_wait_index_not_index(%t: memref<1xi32>, %j: i32, %n: index) {
  // expected-error@+1 {{'affine.dma_wait' op index to dma_wait must have 'index' type}}
  "affine.dma_wait"(%t, %j, %n) {tag_map = affine_map<(d0) -> (d0)>} : (memref<1xi32>, i32, index) -> ()
  return
}

// -----

func.func @yield_not_last() {
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    // expected-error@+1 {{'affine.yield' op must be the last operation in the parent block}}
    "affine.yield"() : () -> ()
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @for_two_blocks() {
  // expected-error@+1 {{'affine.for' op expects region #0 to have 0 or 1 blocks}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
    "affine.yield"() : () -> ()
  ^bb1:
    "affine.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @if_two_blocks(%a: index) {
  // expected-error@+1 {{'affine.if' op expects region #0 to have 0 or 1 blocks}}
  "affine.if"(%a) <{condition = affine_set<(d0) : (d0 >= 0)>}> ({
    "affine.yield"() : () -> ()
  ^bb1:
    "affine.yield"() : () -> ()
  }, {
  }) : (index) -> ()
  return
}

// -----

func.func @if_else_two_blocks(%a: index) {
  // expected-error@+1 {{'affine.if' op expects region #1 to have 0 or 1 blocks}}
  "affine.if"(%a) <{condition = affine_set<(d0) : (d0 >= 0)>}> ({
    "affine.yield"() : () -> ()
  }, {
    "affine.yield"() : () -> ()
  ^bb1:
    "affine.yield"() : () -> ()
  }) : (index) -> ()
  return
}

// -----

func.func @for_empty_block() {
  // expected-error@+1 {{'affine.for' op expects a non-empty block}}
  "affine.for"() <{lowerBoundMap = affine_map<() -> (0)>, operandSegmentSizes = array<i32: 0, 0, 0>, step = 1 : index, upperBoundMap = affine_map<() -> (10)>}> ({
  ^bb0(%i: index):
  }) : () -> ()
  return
}

// -----

func.func @linearize_no_static_basis(%a: index, %b: index) {
  // expected-error@+1 {{'affine.linearize_index' op requires attribute 'static_basis'}}
  %0 = "affine.linearize_index"(%a, %b) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> index
  return
}

// -----

#set = affine_set<(d0) : (d0 >= 0)>
func.func @apply_set_alias(%i: index) {
  // expected-error@+1 {{invalid kind of attribute specified}}
  %0 = affine.apply #set(%i)
  return
}

// -----

#set = affine_set<(d0) : (d0 >= 0)>
func.func @min_set_alias(%i: index) {
  // expected-error@+1 {{invalid kind of attribute specified}}
  %0 = affine.min #set(%i)
  return
}

// -----

#map = affine_map<(d0) -> (d0)>
func.func @if_map_alias(%i: index) {
  // expected-error@+1 {{invalid kind of attribute specified}}
  affine.if #map(%i) {
  }
  return
}
