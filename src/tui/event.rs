//! The one channel every event reaches the loop by. The input thread sends what the terminal
//! reports; the file watcher sends [`Event::FilesChanged`] and the file reader
//! [`Event::Reread`] into the same channel.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crossterm::event::{KeyEvent, MouseEvent};

/// Something that happened outside the dashboard.
#[derive(Debug)]
pub enum Event {
    /// A key was pressed (or released, on terminals that report it).
    Key(KeyEvent),
    /// The mouse scrolled or clicked.
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize,
    /// The terminal went away or could not be read: the loop ends.
    InputClosed,
    /// A signal asked the dashboard to stop (SIGTERM, SIGHUP when the terminal closes, SIGINT).
    Stop,
    /// Files changed in a watched directory; the loop reloads if any concerns the dashboard.
    FilesChanged(Vec<std::path::PathBuf>),
    /// The worker finished reading the files, and hands them back.
    Reread(Box<super::shell::Reread>),
    /// An export was written: these files; or why it could not be.
    Exported(Result<Vec<std::path::PathBuf>, String>),
    /// The worker ranking the clip models finished a list.
    Ranked(Box<super::ranking::Ranked>),
    /// The worker reading the files stopped with this panic, and the files went with it.
    ReaderFailed(String),
    /// The scenario files in the directory the picker lists, or why it cannot be read.
    Listed(Result<Vec<std::path::PathBuf>, String>),
    /// A scenario chosen in the picker was read, with its catalogs, or could not be.
    Opened(Box<super::shell::Opened>),
    /// The scenarios the dashboard opens on were read, with their catalogs, or could not be.
    Started(Box<super::start::Started>),
}

/// The loop's end of the channel, and a sender for other sources (the file watcher).
pub struct Events {
    /// Where the loop waits.
    pub receiver: Receiver<Event>,
    /// A sender to hand to other event sources.
    pub sender: Sender<Event>,
}

impl Events {
    /// Opens the channel and starts the thread that reads the terminal.
    pub fn start() -> Self {
        let (sender, receiver) = channel();
        let input = sender.clone();
        // The thread blocks in `read`; it is left to end with the process.
        thread::spawn(move || {
            loop {
                let event = match crossterm::event::read() {
                    Ok(crossterm::event::Event::Key(key)) => Event::Key(key),
                    Ok(crossterm::event::Event::Mouse(mouse)) => Event::Mouse(mouse),
                    Ok(crossterm::event::Event::Resize(..)) => Event::Resize,
                    Ok(_) => continue,
                    Err(_) => {
                        let _ = input.send(Event::InputClosed);
                        return;
                    }
                };
                if input.send(event).is_err() {
                    return;
                }
            }
        });
        // Signals become an event like any other, so the loop ends and the terminal is restored.
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGQUIT,
        ]) {
            let stop = sender.clone();
            thread::spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = stop.send(Event::Stop);
                }
            });
        }
        Self { receiver, sender }
    }
}
