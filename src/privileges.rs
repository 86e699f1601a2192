//! Least privilege for `-Z USER` (tcpdump's flag): once the capture is open, the process becomes
//! USER (its groups, then its group, then its user id), so that everything portlens does with
//! packets from strangers, and every file it writes, happens without root. The open capture keeps
//! working: the kernel checked the privilege when it was opened. System calls go through the
//! `nix` crate, so this crate stays free of `unsafe`.

use nix::unistd::{Gid, Uid, User, geteuid, getuid, initgroups, setgid, setuid};
use std::ffi::CString;
use thiserror::Error;

/// Why portlens could not become the requested user.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PrivilegeError {
    #[error(
        "there is no user named \"{}\" on this system (-Z). Name an existing unprivileged user, \
         for example `-Z nobody`; `getent passwd` lists them.",
        crate::sanitize::terminal_safe(.user)
    )]
    NoSuchUser { user: String },

    #[error(
        "only root can switch to another user, so `-Z {}` needs portlens to start as root (with \
         `sudo`); without -Z it runs as you.",
        crate::sanitize::terminal_safe(.user)
    )]
    NotRoot { user: String },

    #[error(
        "cannot switch to user \"{}\" (-Z) with {step}: {message}. The capture was not started.",
        crate::sanitize::terminal_safe(.user)
    )]
    Switch {
        user: String,
        step: &'static str,
        message: String,
    },
}

/// The user to become, looked up before anything is opened so that a wrong name fails fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

impl TargetUser {
    /// Looks `name` up in the user database; a number is accepted as a user id.
    pub fn look_up(name: &str) -> Result<TargetUser, PrivilegeError> {
        let no_such_user = || PrivilegeError::NoSuchUser {
            user: name.to_string(),
        };
        let by_name = User::from_name(name).ok().flatten();
        let user = match by_name {
            Some(user) => user,
            None => name
                .parse::<u32>()
                .ok()
                .and_then(|uid| User::from_uid(Uid::from_raw(uid)).ok().flatten())
                .ok_or_else(no_such_user)?,
        };
        Ok(TargetUser {
            name: user.name,
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
        })
    }

    /// Becomes this user: supplementary groups from the group database, then the primary group,
    /// then the user id (in that order: after setuid the process could no longer change groups).
    /// Then checks that root cannot be regained. Without root, succeeds only when the process
    /// already is this user.
    pub fn become_user(&self) -> Result<(), PrivilegeError> {
        if !geteuid().is_root() {
            if geteuid().as_raw() == self.uid && getuid().as_raw() == self.uid {
                return Ok(());
            }
            return Err(PrivilegeError::NotRoot {
                user: self.name.clone(),
            });
        }
        let fail = |step: &'static str, error: nix::Error| PrivilegeError::Switch {
            user: self.name.clone(),
            step,
            message: error.desc().to_string(),
        };
        let name = CString::new(self.name.as_str()).map_err(|_| PrivilegeError::NoSuchUser {
            user: self.name.clone(),
        })?;
        initgroups(&name, Gid::from_raw(self.gid)).map_err(|e| fail("initgroups", e))?;
        setgid(Gid::from_raw(self.gid)).map_err(|e| fail("setgid", e))?;
        setuid(Uid::from_raw(self.uid)).map_err(|e| fail("setuid", e))?;
        if self.uid != 0 && setuid(Uid::from_raw(0)).is_ok() {
            return Err(PrivilegeError::Switch {
                user: self.name.clone(),
                step: "a check",
                message: "root could be regained after the switch".to_string(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_exists_and_a_made_up_user_does_not() {
        let root = TargetUser::look_up("root").expect("root is in every user database");
        assert_eq!((root.uid, root.gid), (0, 0));
        let by_number = TargetUser::look_up("0").expect("uid 0");
        assert_eq!(by_number.name, "root");
        let error = TargetUser::look_up("portlens-no-such-user").unwrap_err();
        assert!(error.to_string().contains("no user named"), "{error}");
        assert!(error.to_string().contains("-Z nobody"), "{error}");
    }

    #[test]
    fn becoming_yourself_succeeds_and_changes_nothing() {
        // Whoever runs the tests can always "become" themselves: without privilege by being that
        // user already; as root (as in CI) through the whole switch, back to root. Switching to
        // another user is tested for real, as root, in the integration tests.
        let me = User::from_uid(getuid()).unwrap().unwrap();
        let before = (getuid(), geteuid());
        let target = TargetUser::look_up(&me.name).unwrap();
        assert_eq!(target.become_user(), Ok(()));
        assert_eq!((getuid(), geteuid()), before);
    }
}
