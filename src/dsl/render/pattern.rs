//! Rendering of patterns: nodes, relationship steps, paths and quantified path patterns.

use super::Renderer;
use crate::dsl::ast::{
    Direction, ExprNode, NodePattern, PathPattern, PatternStep, Quantified, RelPattern, Shortest,
};
use crate::schema::names::GraphName;
use crate::schema::BindingKey;

impl NodePattern {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.push("(");
        match (self.binding, self.reuse) {
            (Some(key), true) => r.push_variable(key),
            (Some(key), false) => {
                r.push_fresh(key);
                if !self.variants.is_empty() {
                    r.mark_labelled(key, self.variants);
                }
            }
            (None, _) => {}
        }
        if let Some(label) = self.label {
            r.push(":");
            r.push_name(label);
        }
        for (i, label) in self.labels.iter().enumerate() {
            r.push(if i == 0 { ":" } else { "|" });
            r.push_name(*label);
        }
        render_props(&self.props, r);
        if let Some(filter) = &self.filter {
            r.push(" WHERE ");
            r.expr(filter);
        }
        r.push(")");
    }
}

fn render_props(props: &[(GraphName, ExprNode)], r: &mut Renderer) {
    for (i, (key, value)) in props.iter().enumerate() {
        r.push(if i == 0 { " {" } else { ", " });
        r.push_name(*key);
        r.push(": ");
        r.expr(value);
    }
    if !props.is_empty() {
        r.push("}");
    }
}

impl RelPattern {
    pub(crate) fn render(&self, r: &mut Renderer) {
        let incoming = self.direction == Direction::Incoming;
        let variable = self.binding.filter(|key| r.is_read(key));
        let bare = variable.is_none()
            && self.types.is_empty()
            && self.extras.hops.is_none()
            && self.extras.props.is_empty();
        if bare {
            r.push(match self.direction {
                Direction::Outgoing => "-->",
                Direction::Incoming => "<--",
                Direction::Either => "--",
            });
            return;
        }
        r.push(if incoming { "<-[" } else { "-[" });
        match (variable, self.reuse) {
            (Some(key), true) => r.push_variable(key),
            (Some(key), false) => r.push_fresh(key),
            (None, _) => {}
        }
        for (i, t) in self.types.iter().enumerate() {
            r.push(if i == 0 { ":" } else { "|" });
            r.push_name(*t);
        }
        if let Some(hops) = self.extras.hops {
            r.push("*");
            match (hops.min, hops.max) {
                (Some(min), Some(max)) if min == max => r.push(&min.to_string()),
                (min, max) => {
                    if let Some(min) = min {
                        r.push(&min.to_string());
                    }
                    if min.is_some() || max.is_some() {
                        r.push("..");
                    }
                    if let Some(max) = max {
                        r.push(&max.to_string());
                    }
                }
            }
        }
        render_props(&self.extras.props, r);
        r.push(if self.direction == Direction::Outgoing {
            "]->"
        } else {
            "]-"
        });
    }
}

impl PathPattern {
    pub(crate) fn render(&self, r: &mut Renderer) {
        if let Some(path) = self.path {
            r.mark_path(path, self.nodes);
            r.push_fresh(path);
            r.push(" = ");
        }
        match self.shortest {
            Some(Shortest::One) => r.push("shortestPath("),
            Some(Shortest::All) => r.push("allShortestPaths("),
            None => {}
        }
        self.start.render(r);
        for step in &self.steps {
            match step {
                PatternStep::Rel(rel, node) => {
                    rel.render(r);
                    node.render(r);
                }
                PatternStep::Quantified(q) => q.render(r),
                PatternStep::Node(node) => {
                    r.push(" ");
                    node.render(r);
                }
            }
        }
        if self.shortest.is_some() {
            r.push(")");
        }
    }
}

impl Quantified {
    /// ` ((..)-[..]->(..) WHERE ..){1,3}`. Its nodes show a variable only when something
    /// reads it, and what it binds is forgotten after it.
    fn render(&self, r: &mut Renderer) {
        r.push(" (");
        let saved = r.enter_subquery();
        let mut reads = crate::dsl::ast::visit::Reads::default();
        crate::dsl::ast::visit::pattern(&self.inner, &mut reads);
        if let Some(filter) = &self.filter {
            crate::dsl::ast::visit::expr(filter, &mut reads);
        }
        let read = reads.0;
        let mut inner = self.inner.clone();
        let quiet = |key: &mut Option<BindingKey>| {
            if key.is_some_and(|k| !read.contains(&k.id)) {
                *key = None;
            }
        };
        if !inner.start.reuse {
            quiet(&mut inner.start.binding);
        }
        for step in &mut inner.steps {
            match step {
                PatternStep::Rel(rel, n) => {
                    quiet(&mut rel.binding);
                    if !n.reuse {
                        quiet(&mut n.binding);
                    }
                }
                PatternStep::Node(n) if !n.reuse => quiet(&mut n.binding),
                PatternStep::Node(_) | PatternStep::Quantified(_) => {}
            }
        }
        inner.render(r);
        if let Some(filter) = &self.filter {
            r.push(" WHERE ");
            r.expr(filter);
        }
        r.leave_subquery(saved, &[]);
        r.push(")");
        match (self.bounds.min, self.bounds.max) {
            (Some(min), Some(max)) if min == max => r.push(&format!("{{{min}}}")),
            (None | Some(1), None) => r.push("+"),
            (min, max) => {
                let min = min.unwrap_or(1);
                match max {
                    Some(max) => r.push(&format!("{{{min},{max}}}")),
                    None => r.push(&format!("{{{min},}}")),
                }
            }
        }
    }
}
