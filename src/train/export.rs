//! Writes the trained network as one self-describing standard ONNX file.
//!
//! Graph (opset 13):
//! `ids:int64[n]` → Gather(emb) → [DequantizeLinear] → ReduceMean(axis 0) →
//! Gemm(w1,b1) → Relu → Gemm(w2,b2) → Softmax → `probs:float[1,C]`.
//! When `quant_levels` is set the embedding table is stored as int8 with one
//! scale per column (symmetric, no zero point), dequantised after the gather so
//! only the looked-up rows are touched.

use crate::intent::{ModelContract, INPUT_IDS_NAME, OUTPUT_PROBS_NAME};
use prost::Message;
use tract_onnx::pb::{
    attribute_proto::AttributeType, tensor_proto::DataType,
    tensor_shape_proto::dimension::Value as Dim, tensor_shape_proto::Dimension, type_proto,
    AttributeProto, GraphProto, ModelProto, NodeProto, OperatorSetIdProto, StringStringEntryProto,
    TensorProto, TensorShapeProto, TypeProto, ValueInfoProto,
};

/// Weights of the network, row-major.
#[derive(Debug, Clone)]
pub struct Weights {
    pub buckets: usize,
    pub embed_dim: usize,
    pub hidden: usize,
    pub classes: usize,
    /// [buckets, embed_dim]
    pub emb: Vec<f32>,
    /// [embed_dim, hidden], [hidden]
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    /// [hidden, classes], [classes]
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
}

impl Weights {
    /// One network equal to the average of the members' logits: embeddings side
    /// by side, a block-diagonal first layer, the output layers stacked and
    /// scaled by 1/k. The exported graph is unchanged, only wider.
    /// Every member must have the same shape; one member is returned as is.
    pub fn ensemble(mut members: Vec<Weights>) -> Weights {
        if members.len() == 1 {
            return members.remove(0);
        }
        let k = members.len();
        let m0 = &members[0];
        let (b, d, h, c) = (m0.buckets, m0.embed_dim, m0.hidden, m0.classes);
        let (dk, hk) = (d * k, h * k);
        let mut emb = vec![0f32; b * dk];
        let mut w1 = vec![0f32; dk * hk];
        let mut b1 = Vec::with_capacity(hk);
        let mut w2 = Vec::with_capacity(hk * c);
        let mut b2 = vec![0f32; c];
        for (m, w) in members.iter().enumerate() {
            for r in 0..b {
                emb[r * dk + m * d..r * dk + (m + 1) * d]
                    .copy_from_slice(&w.emb[r * d..(r + 1) * d]);
            }
            for r in 0..d {
                let row = (m * d + r) * hk + m * h;
                w1[row..row + h].copy_from_slice(&w.w1[r * h..(r + 1) * h]);
            }
            b1.extend_from_slice(&w.b1);
            w2.extend(w.w2.iter().map(|v| v / k as f32));
            for (acc, v) in b2.iter_mut().zip(&w.b2) {
                *acc += v / k as f32;
            }
        }
        Weights {
            buckets: b,
            embed_dim: dk,
            hidden: hk,
            classes: c,
            emb,
            w1,
            b1,
            w2,
            b2,
        }
    }
}

fn f32_tensor(name: &str, dims: &[usize], data: &[f32]) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: dims.iter().map(|&d| d as i64).collect(),
        data_type: DataType::Float as i32,
        raw_data: data.iter().flat_map(|v| v.to_le_bytes()).collect(),
        ..Default::default()
    }
}

fn i8_tensor(name: &str, dims: &[usize], data: &[i8]) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: dims.iter().map(|&d| d as i64).collect(),
        data_type: DataType::Int8 as i32,
        raw_data: data.iter().map(|&v| v as u8).collect(),
        ..Default::default()
    }
}

fn attr_int(name: &str, v: i64) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Int as i32,
        i: v,
        ..Default::default()
    }
}

fn attr_ints(name: &str, v: &[i64]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Ints as i32,
        ints: v.to_vec(),
        ..Default::default()
    }
}

fn node(op: &str, inputs: &[&str], output: &str, attribute: Vec<AttributeProto>) -> NodeProto {
    NodeProto {
        op_type: op.into(),
        name: output.into(),
        input: inputs.iter().map(|s| s.to_string()).collect(),
        output: vec![output.into()],
        attribute,
        ..Default::default()
    }
}

fn value_info(name: &str, dt: DataType, dims: Vec<Dim>) -> ValueInfoProto {
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            value: Some(type_proto::Value::TensorType(type_proto::Tensor {
                elem_type: dt as i32,
                shape: Some(TensorShapeProto {
                    dim: dims
                        .into_iter()
                        .map(|v| Dimension {
                            value: Some(v),
                            ..Default::default()
                        })
                        .collect(),
                }),
            })),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Symmetric int8 quantisation with one scale per column of a [rows, cols] matrix,
/// onto the integers `-levels..=levels` (`levels` ≤ 127; fewer levels cost a little
/// precision and make the table compress much better for the download).
pub fn quantize_columns(data: &[f32], cols: usize, levels: u8) -> (Vec<i8>, Vec<f32>) {
    let levels = f32::from(levels.clamp(1, 127));
    let mut scales = vec![0f32; cols];
    for (i, v) in data.iter().enumerate() {
        let c = i % cols;
        scales[c] = scales[c].max(v.abs());
    }
    for s in &mut scales {
        *s = if *s > 0.0 { *s / levels } else { 1.0 };
    }
    let q = data
        .iter()
        .enumerate()
        .map(|(i, v)| (v / scales[i % cols]).round().clamp(-levels, levels) as i8)
        .collect();
    (q, scales)
}

/// Encodes the model as ONNX bytes with the contract in `metadata_props`.
pub fn to_onnx(
    w: &Weights,
    contract: &ModelContract,
    quant_levels: Option<u8>,
    doc: &str,
    extra_metadata: &[(&str, String)],
) -> Vec<u8> {
    let mut initializer = Vec::new();
    let mut nodes = Vec::new();
    if let Some(levels) = quant_levels {
        let (q, scales) = quantize_columns(&w.emb, w.embed_dim, levels);
        initializer.push(i8_tensor("emb_q", &[w.buckets, w.embed_dim], &q));
        initializer.push(f32_tensor("emb_scale", &[w.embed_dim], &scales));
        // Gather the int8 rows, then dequantise only those (no zero point: the
        // quantisation is symmetric). Dequantising the whole constant table
        // first would be folded by tract at load (+40 ms in wasm) but is run
        // on every call by onnxruntime, which keeps DequantizeLinear nodes.
        nodes.push(node(
            "Gather",
            &["emb_q", INPUT_IDS_NAME],
            "bag_q",
            vec![attr_int("axis", 0)],
        ));
        nodes.push(node(
            "DequantizeLinear",
            &["bag_q", "emb_scale"],
            "bag",
            vec![attr_int("axis", 1)],
        ));
    } else {
        initializer.push(f32_tensor("emb", &[w.buckets, w.embed_dim], &w.emb));
        nodes.push(node(
            "Gather",
            &["emb", INPUT_IDS_NAME],
            "bag",
            vec![attr_int("axis", 0)],
        ));
    }
    initializer.push(f32_tensor("w1", &[w.embed_dim, w.hidden], &w.w1));
    initializer.push(f32_tensor("b1", &[w.hidden], &w.b1));
    initializer.push(f32_tensor("w2", &[w.hidden, w.classes], &w.w2));
    initializer.push(f32_tensor("b2", &[w.classes], &w.b2));
    nodes.push(node(
        "ReduceMean",
        &["bag"],
        "pooled",
        vec![attr_ints("axes", &[0]), attr_int("keepdims", 1)],
    ));
    nodes.push(node("Gemm", &["pooled", "w1", "b1"], "hidden_pre", vec![]));
    nodes.push(node("Relu", &["hidden_pre"], "hidden", vec![]));
    nodes.push(node("Gemm", &["hidden", "w2", "b2"], "logits", vec![]));
    nodes.push(node(
        "Softmax",
        &["logits"],
        OUTPUT_PROBS_NAME,
        vec![attr_int("axis", 1)],
    ));

    let graph = GraphProto {
        name: "shopkeep_intent".into(),
        node: nodes,
        initializer,
        input: vec![value_info(
            INPUT_IDS_NAME,
            DataType::Int64,
            vec![Dim::DimParam("n".into())],
        )],
        output: vec![value_info(
            OUTPUT_PROBS_NAME,
            DataType::Float,
            vec![Dim::DimValue(1), Dim::DimValue(w.classes as i64)],
        )],
        ..Default::default()
    };
    let model = ModelProto {
        ir_version: 8,
        opset_import: vec![OperatorSetIdProto {
            domain: String::new(),
            version: 13,
        }],
        producer_name: "shopkeep".into(),
        producer_version: env!("CARGO_PKG_VERSION").into(),
        doc_string: doc.into(),
        graph: Some(graph),
        metadata_props: contract
            .to_metadata()
            .into_iter()
            .chain(
                extra_metadata
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone())),
            )
            .map(|(key, value)| StringStringEntryProto { key, value })
            .collect(),
        ..Default::default()
    };
    model.encode_to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exported graph's arithmetic: mean of the rows → Gemm → Relu → Gemm.
    fn logits(w: &Weights, ids: &[usize]) -> Vec<f32> {
        let d = w.embed_dim;
        let mut pooled = vec![0f32; d];
        for &i in ids {
            for (p, v) in pooled.iter_mut().zip(&w.emb[i * d..(i + 1) * d]) {
                *p += v / ids.len() as f32;
            }
        }
        let hidden: Vec<f32> = (0..w.hidden)
            .map(|j| {
                let z: f32 = (0..d).map(|r| pooled[r] * w.w1[r * w.hidden + j]).sum();
                (z + w.b1[j]).max(0.0)
            })
            .collect();
        (0..w.classes)
            .map(|c| {
                let z: f32 = (0..w.hidden)
                    .map(|j| hidden[j] * w.w2[j * w.classes + c])
                    .sum();
                z + w.b2[c]
            })
            .collect()
    }

    fn member(seed: u32) -> Weights {
        let (buckets, embed_dim, hidden, classes) = (7, 3, 4, 5);
        // a deterministic spread of positive and negative values
        let mut x = seed;
        let mut next = move || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((x >> 16) % 2001) as f32 / 1000.0 - 1.0
        };
        let mut v = |n: usize| (0..n).map(|_| next()).collect::<Vec<f32>>();
        Weights {
            buckets,
            embed_dim,
            hidden,
            classes,
            emb: v(buckets * embed_dim),
            w1: v(embed_dim * hidden),
            b1: v(hidden),
            w2: v(hidden * classes),
            b2: v(classes),
        }
    }

    #[test]
    fn ensemble_averages_member_logits() {
        let members = vec![member(1), member(2), member(3)];
        let ens = Weights::ensemble(members.clone());
        assert_eq!((ens.embed_dim, ens.hidden, ens.classes), (9, 12, 5));
        for ids in [vec![0], vec![1, 4, 6], vec![2, 2, 5, 3]] {
            let got = logits(&ens, &ids);
            for c in 0..5 {
                let want: f32 = members.iter().map(|m| logits(m, &ids)[c]).sum::<f32>() / 3.0;
                assert!((got[c] - want).abs() < 1e-5, "{got:?} vs {want}");
            }
        }
        let one = Weights::ensemble(vec![member(4)]);
        assert_eq!(one.emb, member(4).emb);
    }
}
