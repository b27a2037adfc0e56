//! The live files of every open scenario, by its position in the order the scenarios were
//! opened. A slot is empty while the reader has its files. The reader answers in the order it
//! was asked, so the positions of the reads under way are kept in that order too.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::live::Live;

/// Each open scenario's files.
#[derive(Debug, Default)]
pub(super) struct Slots {
    slots: Vec<(usize, Option<Live>)>,
    /// The positions whose files are with the reader, in the order they were sent.
    reading: VecDeque<usize>,
}

impl Slots {
    /// Keeps the files of the scenario at `position`.
    pub(super) fn add(&mut self, position: usize, live: Live) {
        self.slots.retain(|(p, _)| *p != position);
        self.slots.push((position, Some(live)));
    }

    /// The files of the scenario at `position`, unless the reader has them.
    pub(super) fn get(&self, position: usize) -> Option<&Live> {
        self.slots
            .iter()
            .find(|(p, _)| *p == position)
            .and_then(|(_, l)| l.as_ref())
    }

    /// The same, to change.
    pub(super) fn get_mut(&mut self, position: usize) -> Option<&mut Live> {
        self.slots
            .iter_mut()
            .find(|(p, _)| *p == position)
            .and_then(|(_, l)| l.as_mut())
    }

    /// Whether the scenario at `position` has files kept here at all.
    pub(super) fn holds(&self, position: usize) -> bool {
        self.slots.iter().any(|(p, _)| *p == position)
    }

    /// Whether every scenario's files are here, none with the reader.
    pub(super) fn all_back(&self) -> bool {
        self.reading.is_empty()
    }

    /// Every scenario's files, while all are here.
    pub(super) fn lives(&self) -> Vec<&Live> {
        self.slots.iter().filter_map(|(_, l)| l.as_ref()).collect()
    }

    /// Takes out, for the reader, the files of every scenario a changed path concerns; returns
    /// them with their positions, in the order they are to be sent.
    pub(super) fn take_concerned(&mut self, paths: &[PathBuf]) -> Vec<(usize, Live)> {
        let mut taken = Vec::new();
        for (position, slot) in &mut self.slots {
            if slot.as_ref().is_some_and(|live| paths.iter().any(|p| live.concerns(p)))
                && let Some(live) = slot.take()
            {
                self.reading.push_back(*position);
                taken.push((*position, live));
            }
        }
        taken
    }

    /// Puts back files the reader returned, and says whose they are.
    pub(super) fn put_back(&mut self, live: Live) -> usize {
        let position = self.reading.pop_front().unwrap_or(0);
        match self.slots.iter_mut().find(|(p, _)| *p == position) {
            Some((_, slot)) => *slot = Some(live),
            None => self.slots.push((position, Some(live))),
        }
        position
    }
}
