//! Synthetic guides of any size, for the benchmarks and the tests that prove validation stays
//! linear (a guide of 100,000 nodes).

use super::model::{Answer, Guide, GuideKind, GuideText, Node, Outcome, Question};

/// A valid practice-course guide of `n` nodes (at least 2): a chain of questions, each with
/// one answer to the next question and one straight to the single outcome.
pub fn chain(n: usize) -> Guide {
    let n = n.max(2);
    let answer = |en: &str, zh: &str, to: String| Answer {
        label: GuideText::new(en, zh),
        to,
        tags: Vec::new(),
    };
    let mut nodes: Vec<Node> = (0..n - 1)
        .map(|i| {
            let next = if i + 2 == n {
                "end".to_owned()
            } else {
                format!("n{}", i + 1)
            };
            Node::Question(Question {
                id: format!("n{i}"),
                tags: Vec::new(),
                text: GuideText::new(format!("Question {i}?"), format!("问题 {i}？")),
                help: None,
                tech: None,
                answers: vec![
                    answer("On", "继续", next),
                    answer("Stop", "停", "end".to_owned()),
                ],
            })
        })
        .collect();
    nodes.push(Node::Outcome(Outcome {
        id: "end".to_owned(),
        tags: Vec::new(),
        text: GuideText::new("The end.", "结束。"),
        covers: vec!["monitoring".to_owned()],
        hand_over: None,
        confirm: Some(GuideText::new("Nothing to confirm.", "无需确认。")),
        tech: None,
    }));
    Guide {
        id: "synthetic".to_owned(),
        version: 1,
        title: GuideText::new("Synthetic", "合成"),
        summary: None,
        kind: GuideKind::Course,
        start: "n0".to_owned(),
        nodes,
    }
}
