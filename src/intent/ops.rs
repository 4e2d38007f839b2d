//! The ONNX operators a shopkeep model uses, and only those.
//!
//! `tract_onnx::onnx()` registers every ONNX operator tract knows (~200: convolutions,
//! recurrent nets, FFT, resize, tree ensembles …). The registry is a table of function
//! pointers, so the linker has to keep all of them and everything they reach: most of
//! tract-hir and tract-core ended up in the browser bundle although the model uses six
//! operators. [`runtime()`] registers just the operators of the graph written by the
//! trainer (see `src/train/export.rs`), which removes the unused ones from the wasm.
//!
//! The builders mirror tract-onnx 0.23's own (`ops/array`, `ops/nn`, `ops/quant.rs`,
//! `ops/math/gemm.rs`, MIT/Apache-2.0), for opset 13. A model with any other operator
//! is refused up front with a typed error naming it ([`unsupported`]).

use tract_hir::internal::*;
use tract_hir::ops;
use tract_onnx::model::{OnnxOpRegister, ParsingContext};
use tract_onnx::pb::{ModelProto, NodeProto};
use tract_onnx::tract_hir;
use tract_onnx::Onnx;

type Built = TractResult<(Box<dyn InferenceOp>, Vec<String>)>;

/// Runs the module's static constructors (tract registers its matrix kernels and
/// graph transforms from them with `inventory`), once. Called before the first
/// model is built, and by the widget's start hook.
///
/// While nothing references `__wasm_call_ctors`, wasm-ld treats the module as a
/// "command" and wraps *every* export so that it reruns all constructors (and
/// destructors) on each call from JavaScript: tract's registrations ran again on
/// every event handler, reply and model run (bench/PROFILE.md). Referencing it
/// here stops the wrapping, so it must be called before tract is used.
#[cfg(target_arch = "wasm32")]
pub fn run_static_constructors() {
    extern "C" {
        fn __wasm_call_ctors();
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: the linker-made constructor runner; `Once` makes it run a single
    // time, and the constructors only register static items.
    ONCE.call_once(|| unsafe { __wasm_call_ctors() });
}

/// The operators [`runtime()`] can read.
pub const SUPPORTED: &[&str] = &[
    "Gather",
    "DequantizeLinear",
    "ReduceMean",
    "Gemm",
    "Relu",
    "Softmax",
];

/// An ONNX reader that knows only the [`SUPPORTED`] operators.
pub fn runtime() -> Onnx {
    let mut reg = OnnxOpRegister::default();
    reg.insert("Gather", gather);
    reg.insert("DequantizeLinear", dequantize_linear);
    reg.insert("ReduceMean", reduce_mean);
    reg.insert("Gemm", gemm);
    reg.insert("Relu", |_, _| {
        Ok((expand(ops::activations::Clip::new(Some(0.0), None)), vec![]))
    });
    reg.insert("Softmax", softmax);
    Onnx {
        op_register: reg,
        ..Onnx::default()
    }
}

/// The first operator of the model's graph that [`runtime()`] cannot read.
pub fn unsupported(proto: &ModelProto) -> Option<String> {
    proto
        .graph
        .as_ref()?
        .node
        .iter()
        .find(|n| !n.domain.is_empty() || !SUPPORTED.contains(&n.op_type.as_str()))
        .map(|n| {
            if n.domain.is_empty() {
                n.op_type.clone()
            } else {
                format!("{}:{}", n.domain, n.op_type)
            }
        })
}

fn gather(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    let axis = node.get_attr_opt("axis")?.unwrap_or(0);
    Ok((expand(ops::array::Gather::new(axis)), vec![]))
}

fn reduce_mean(ctx: &ParsingContext, node: &NodeProto) -> Built {
    // opset 18 moved `axes` from an attribute to an input
    ensure!(
        ctx.onnx_operator_set_version < 18,
        "ReduceMean: opset {} is not supported (the trainer writes opset 13)",
        ctx.onnx_operator_set_version
    );
    let axes = node.get_attr_opt_vec("axes")?;
    let keep_dims = node.get_attr_opt("keepdims")?.unwrap_or(1i64) == 1;
    Ok((
        expand(ops::nn::Reduce::new(
            axes,
            keep_dims,
            ops::nn::Reducer::Mean,
        )),
        vec![],
    ))
}

fn softmax(ctx: &ParsingContext, node: &NodeProto) -> Built {
    ensure!(
        ctx.onnx_operator_set_version >= 13,
        "Softmax: opset {} semantics are not supported (the trainer writes opset 13)",
        ctx.onnx_operator_set_version
    );
    let axis = node.get_attr_opt("axis")?.unwrap_or(-1);
    Ok((expand(ops::nn::Softmax::new(axis)), vec![]))
}

fn dequantize_linear(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    let block_size = node.get_attr_opt::<i64>("block_size")?.unwrap_or(0);
    ensure!(
        block_size == 0,
        "DequantizeLinear: blocked quantization is not supported"
    );
    let axis = node.get_attr_opt("axis")?.unwrap_or(1);
    let zero_point = (node.input.len() == 3).then_some(2);
    Ok((expand(DequantizeLinear { zero_point, axis }), vec![]))
}

fn gemm(_ctx: &ParsingContext, node: &NodeProto) -> Built {
    Ok((
        expand(Gemm {
            alpha: node.get_attr_opt("alpha")?.unwrap_or(1.),
            beta: node.get_attr_opt("beta")?.unwrap_or(1.),
            trans_a: node.get_attr_opt("transA")?.unwrap_or(false),
            trans_b: node.get_attr_opt("transB")?.unwrap_or(false),
        }),
        vec![],
    ))
}

/// `y = (x - zero_point) * scale`, per tensor or per `axis`.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
struct DequantizeLinear {
    zero_point: Option<usize>,
    axis: i64,
}

/// A per-axis scale or zero point reshaped to broadcast along `axis`, as f32.
fn per_axis_param(param: &Tensor, axis: i64, rank: usize) -> TractResult<Tensor> {
    let axis = if axis < 0 { axis + rank as i64 } else { axis };
    ensure!(
        (0..rank as i64).contains(&axis),
        "quantization axis {axis} out of range"
    );
    let mut shape = tvec![1; rank];
    shape[axis as usize] = param.len();
    param.cast_to::<f32>()?.into_owned().into_shape(&shape)
}

impl Expansion for DequantizeLinear {
    fn name(&self) -> StaticName {
        "DequantizeLinear".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2 + self.zero_point.is_some() as usize)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[1].datum_type, f32::datum_type())?;
        s.equals(&outputs[0].datum_type, f32::datum_type())?;
        if self.zero_point.is_some() {
            s.equals(&inputs[0].datum_type, &inputs[2].datum_type)?;
        }
        s.equals(&inputs[0].shape, &outputs[0].shape)?;
        Ok(())
    }

    fn wire(
        &self,
        prefix: &str,
        target: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        use tract_hir::tract_core::ops::cast::cast;
        use tract_hir::tract_core::ops::math::{mul, sub};
        let scales = target
            .outlet_fact(inputs[1])?
            .konst
            .clone()
            .context("y_scale must be a const")?;
        let zero_point = match self.zero_point {
            Some(i) => target
                .outlet_fact(inputs[i])?
                .konst
                .clone()
                .context("y_zero_point must be a const")?,
            None => rctensor0(0i8),
        };
        let rank = target.outlet_fact(inputs[0])?.rank();
        let scale = per_axis_param(&scales, self.axis, rank)?;
        let scale = target.add_const(format!("{prefix}.scale"), scale)?;
        let zero_point = per_axis_param(&zero_point, self.axis, rank)?;
        let zero_point = target.add_const(format!("{prefix}.zero_point"), zero_point)?;
        let x = target.wire_node(
            format!("{prefix}.cast"),
            cast(f32::datum_type()),
            &[inputs[0]],
        )?;
        let x = target.wire_node(format!("{prefix}.sub"), sub(), &[x[0], zero_point])?;
        target.wire_node(prefix, mul(), &[x[0], scale])
    }
}

/// `y = alpha * op(A) · op(B) + beta * C`.
#[derive(Debug, Clone)]
struct Gemm {
    alpha: f32,
    beta: f32,
    trans_a: bool,
    trans_b: bool,
}

impl Expansion for Gemm {
    fn name(&self) -> StaticName {
        "Gemm".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        if inputs.len() < 2 {
            bail!(
                "Wrong input number. Rules expect at least 2, node has {}.",
                inputs.len()
            );
        }
        if inputs.len() == 3 {
            s.equals(&inputs[2].datum_type, &outputs[0].datum_type)?;
        }
        s.equals(&inputs[0].rank, 2)?;
        s.equals(&inputs[1].rank, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&outputs[0].rank, 2)?;
        s.equals(&inputs[0].datum_type, &outputs[0].datum_type)?;
        s.equals(&inputs[1].datum_type, &outputs[0].datum_type)?;
        let (ca, ra) = if self.trans_a { (0, 1) } else { (1, 0) };
        let (cb, rb) = if self.trans_b { (0, 1) } else { (1, 0) };
        s.equals(&inputs[0].shape[ra], &outputs[0].shape[0])?;
        s.equals(&inputs[0].shape[ca], &inputs[1].shape[rb])?;
        s.equals(&inputs[1].shape[cb], &outputs[0].shape[1])?;
        Ok(())
    }

    fn wire(
        &self,
        name: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        use tract_hir::tract_core::ops::change_axes::AxisOp;
        use tract_hir::tract_core::ops::einsum::EinSum;
        let (a, b, c) = (inputs[0], inputs[1], inputs.get(2));
        let axes = AxesMapping::for_numpy_matmul(2, self.trans_a, self.trans_b, false)?;
        let mut wire = model.wire_node(
            format!("{name}.ab"),
            EinSum::new(axes, model.outlet_fact(a)?.datum_type),
            [a, b].as_ref(),
        )?[0];
        if self.alpha != 1.0 {
            let alpha = tensor0(self.alpha).broadcast_into_rank(model.outlet_fact(wire)?.rank())?;
            let alpha = model.add_const(format!("{name}.alpha_ab.cst"), alpha)?;
            wire =
                model.wire_node(format!("{name}.alpha_ab"), ops::math::mul(), &[alpha, wire])?[0];
        }
        if let Some(&c) = c.filter(|_| self.beta != 0.0) {
            let mut c = c;
            while model.outlet_fact(wire)?.rank() > model.outlet_fact(c)?.rank() {
                c = model.wire_node(
                    format!("{name}.c_add_axis_{}", model.outlet_fact(c)?.rank()),
                    AxisOp::Add(0),
                    &[c],
                )?[0];
            }
            let beta = tensor0(self.beta).broadcast_into_rank(model.outlet_fact(wire)?.rank())?;
            let beta = model.add_const(format!("{name}.beta_c.cst"), beta)?;
            let beta_c =
                model.wire_node(format!("{name}.beta_c"), ops::math::mul(), &[beta, c])?[0];
            wire = model.wire_node(name, ops::math::add(), &[wire, beta_c])?[0];
        }
        Ok(tvec!(wire))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::intent::OnnxIntentClassifier;
    use tract_onnx::prelude::*;

    fn model_bytes() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/shopkeep.onnx"))
            .expect("model/shopkeep.onnx")
    }

    /// The trimmed registry computes what tract's full ONNX registry computes.
    #[test]
    fn same_probabilities_as_the_full_registry() {
        let bytes = model_bytes();
        let mut ours = OnnxIntentClassifier::from_bytes(&bytes).expect("loads");
        let full = tract_onnx::onnx()
            .model_for_read(&mut &*bytes)
            .and_then(|m| {
                let n = m.symbols.sym("n");
                m.with_input_fact(0, InferenceFact::dt_shape(i64::datum_type(), [n.to_dim()]))
            })
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .expect("full registry");
        for text in [
            "do you have hoodies under $60",
            "这件卫衣M码还有货吗",
            "",
            "退货",
        ] {
            let ids = ours.featurizer().featurize(text);
            let a = ours.probabilities_for_ids(&ids).expect("runs");
            let input = Tensor::from_shape(&[ids.len()], &ids).expect("tensor");
            let out = full.run(tvec!(input.into_tvalue())).expect("runs");
            let b: Vec<f32> = out[0]
                .to_plain_array_view::<f32>()
                .expect("f32")
                .iter()
                .copied()
                .collect();
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-6, "{text:?}: {x} vs {y}");
            }
        }
    }

    #[test]
    fn names_an_operator_it_cannot_read() {
        let mut proto = runtime()
            .proto_model_for_read(&mut &*model_bytes())
            .expect("parses");
        assert_eq!(unsupported(&proto), None);
        if let Some(g) = proto.graph.as_mut() {
            g.node[0].op_type = "Conv".into();
        }
        assert_eq!(unsupported(&proto).as_deref(), Some("Conv"));
        let err = OnnxIntentClassifier::new(proto).expect_err("refused");
        assert!(err.to_string().contains("Conv"), "{err}");
    }
}
