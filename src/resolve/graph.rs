//! The chains and trees of the domain: unit parents and successors,
//! movement parents, the `next` chain of congresses. One walk finds their
//! cycles, so that every chain is checked the same way: each cycle is
//! reported once, naming its members in order, and the walk is linear in
//! the size of the graph at any depth.

/// The cycles among the nodes `0..n` whose edges go from `i` to each of
/// `edges(i)`. Each cycle is given once, its members in the order the edges
/// go, starting at the member the walk reached first; the walk starts from
/// the nodes in order (file order), so the result is the same on every run.
/// A node pointing to itself is a cycle of one.
///
/// An iterative depth-first walk: a node is entered once and each edge
/// followed once, so it is linear at any depth, and a chain of a million
/// units needs no deep recursion.
pub(super) fn cycles<'e>(n: usize, edges: impl Fn(usize) -> &'e [usize]) -> Vec<Vec<usize>> {
    const NEW: u32 = u32::MAX;
    const DONE: u32 = u32::MAX - 1;
    // For each node: NEW, DONE, or its position on the current path.
    let mut state = vec![NEW; n];
    let mut path: Vec<usize> = Vec::new();
    // For each node on the path, the index of its next edge to follow.
    let mut next_edge: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for start in 0..n {
        if state[start] != NEW {
            continue;
        }
        state[start] = 0;
        path.push(start);
        next_edge.push(0);
        while let Some(&node) = path.last() {
            let top = path.len() - 1;
            let out = edges(node);
            let Some(&to) = out.get(next_edge[top]) else {
                state[node] = DONE;
                path.pop();
                next_edge.pop();
                continue;
            };
            next_edge[top] += 1;
            match state[to] {
                NEW => {
                    state[to] = path.len() as u32;
                    path.push(to);
                    next_edge.push(0);
                }
                DONE => {}
                on_path => found.push(path[on_path as usize..].to_vec()),
            }
        }
    }
    found
}

/// A cycle for messages: `a → b → c → a`.
pub(super) fn names<'n>(cycle: &[usize], slug: impl Fn(usize) -> &'n str) -> String {
    cycle
        .iter()
        .chain(cycle.first())
        .map(|&i| slug(i))
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(next: &[Option<usize>]) -> Vec<Vec<usize>> {
        cycles(next.len(), |i| next[i].as_slice())
    }

    #[test]
    fn each_cycle_once_in_order() {
        // 0 → 1 → 2 → 0, 3 → 1 (leads into the cycle), 4 → 4, 5 alone.
        let next = [Some(1), Some(2), Some(0), Some(1), Some(4), None];
        assert_eq!(single(&next), vec![vec![0, 1, 2], vec![4]]);
    }

    #[test]
    fn a_chain_into_a_cycle_names_only_the_cycle() {
        let next = [Some(1), Some(2), Some(3), Some(2)];
        assert_eq!(single(&next), vec![vec![2, 3]]);
    }

    #[test]
    fn several_edges_per_node() {
        // 0 → {1, 2}, 2 → 0: one cycle through 0 and 2.
        let edges: Vec<Vec<usize>> = vec![vec![1, 2], vec![], vec![0]];
        assert_eq!(cycles(3, |i| &edges[i]), vec![vec![0, 2]]);
    }

    #[test]
    fn a_very_deep_chain_is_walked_without_recursion() {
        let n = 1_000_000;
        let mut next: Vec<Option<usize>> = (0..n).map(|i| Some(i + 1)).collect();
        next[n - 1] = Some(0);
        let found = single(&next);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        next[n - 1] = None;
        assert!(single(&next).is_empty());
    }
}
