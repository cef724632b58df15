//! Typed listeners behind one erased type.
//!
//! A listener is a closure taking any leading part of an event's arguments, each by value
//! (`A: Clone + 'static`; the emitter's handle types are cheap `Rc` clones). The closure's
//! parameter types are recorded as [`Param`]s so a registration can be checked against the
//! event's declared signature, and its call downcasts the emitted arguments without allocating.

use std::any::{Any, TypeId};
use std::fmt;
use std::rc::Rc;

use crate::Error;

/// One parameter type: its `TypeId` and its name for messages.
#[derive(Clone, Copy)]
pub struct Param {
    id: fn() -> TypeId,
    name: fn() -> &'static str,
}

impl Param {
    pub const fn of<T: 'static>() -> Param {
        Param { id: TypeId::of::<T>, name: std::any::type_name::<T> }
    }
    pub fn type_id(&self) -> TypeId {
        (self.id)()
    }
    /// The type's name without module paths (`ServerHttp2Stream`, `Option<Bytes>`).
    pub fn name(&self) -> String {
        short_type_name((self.name)())
    }
}

impl PartialEq for Param {
    fn eq(&self, other: &Param) -> bool {
        self.type_id() == other.type_id()
    }
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// `a::b::C<d::E>` → `C<E>`.
pub(crate) fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment_start = 0;
    for (i, ch) in full.char_indices() {
        match ch {
            ':' => segment_start = i + 1,
            '<' | '>' | ',' | ' ' | '(' | ')' | '[' | ']' | ';' | '&' => {
                out.push_str(&full[segment_start..i]);
                out.push(ch);
                segment_start = i + ch.len_utf8();
            }
            _ => {}
        }
    }
    out.push_str(&full[segment_start..]);
    out
}

/// `(A, B)` for messages.
pub(crate) fn signature(params: &[Param]) -> String {
    let names: Vec<String> = params.iter().map(Param::name).collect();
    format!("({})", names.join(", "))
}

/// Why an erased call did not run the listener's body to completion.
pub(crate) enum CallError {
    /// Argument `index` was missing or of another type than the listener takes.
    Mismatch,
    /// The listener returned an error (Node: the listener threw).
    Thrown(Error),
}

/// What a listener closure may return: `()` or `Result<(), Error>` (an `Err` is Node's throw).
pub trait ListenerResult {
    fn into_result(self) -> Result<(), Error>;
}

impl ListenerResult for () {
    #[inline]
    fn into_result(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ListenerResult for Result<(), Error> {
    #[inline]
    fn into_result(self) -> Result<(), Error> {
        self
    }
}

pub(crate) trait ErasedListener {
    fn call(&self, args: &[&dyn Any]) -> Result<(), CallError>;
    fn params(&self) -> &'static [Param];
}

/// An object that is itself a listener taking no arguments (an owner's reaction to one of its
/// own events, such as a stream that tidies up on its own `'finish'`): registered with
/// [`Listener::from_object`], with no closure allocated for it.
pub trait ObjectListener {
    fn on_event(&self) -> Result<(), Error>;
}

impl<T: ObjectListener + 'static> ErasedListener for T {
    fn call(&self, _args: &[&dyn Any]) -> Result<(), CallError> {
        self.on_event().map_err(CallError::Thrown)
    }
    fn params(&self) -> &'static [Param] {
        &[]
    }
}

/// A registered listener. Clones are the same listener: `off` with a clone removes it,
/// including a `once` registration (Node's `once` wrapper answers to the original).
#[derive(Clone)]
pub struct Listener(pub(crate) Rc<dyn ErasedListener>);

impl Listener {
    /// Wraps a closure so the same listener can be added to several events or removed later.
    pub fn new<Args, L: IntoListener<Args>>(listener: L) -> Listener {
        listener.into_listener()
    }
    /// `object` as a listener of no arguments (see [`ObjectListener`]); the listener holds it.
    pub fn from_object<T: ObjectListener + 'static>(object: Rc<T>) -> Listener {
        Listener(object)
    }
    /// The parameter types this listener takes.
    pub fn params(&self) -> &'static [Param] {
        self.0.params()
    }
    /// Whether `self` and `other` are the same listener.
    pub fn same(&self, other: &Listener) -> bool {
        // Compare the data pointers only: vtable pointers of one type may differ across codegen units.
        std::ptr::eq(Rc::as_ptr(&self.0) as *const u8, Rc::as_ptr(&other.0) as *const u8)
    }
}

impl fmt::Debug for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Listener{}", signature(self.params()))
    }
}

/// Anything that can become a [`Listener`]: closures of 0 to 6 parameters, or a `Listener`.
pub trait IntoListener<Args> {
    fn into_listener(self) -> Listener;
}

/// Marker for the already-erased case.
pub struct Erased;

impl IntoListener<Erased> for Listener {
    fn into_listener(self) -> Listener {
        self
    }
}

impl IntoListener<Erased> for &Listener {
    fn into_listener(self) -> Listener {
        self.clone()
    }
}

struct FnListener<F, Args> {
    f: F,
    _args: std::marker::PhantomData<fn(Args)>,
}

/// The arguments of an emit, seen as a slice of `&dyn Any` built on the stack.
pub trait EmitArgs: 'static {
    fn with_refs<R>(&self, f: impl FnOnce(&[&dyn Any]) -> R) -> R;
    fn params() -> &'static [Param];
}

/// Declared parameter lists of a tuple type, for event tables.
pub trait ParamList {
    const PARAMS: &'static [Param];
}

macro_rules! arity {
    ($($name:ident $idx:tt),*) => {
        impl<$($name: 'static),*> ParamList for ($($name,)*) {
            const PARAMS: &'static [Param] = &[$(Param::of::<$name>()),*];
        }

        impl<$($name: 'static),*> EmitArgs for ($($name,)*) {
            #[inline]
            fn with_refs<R>(&self, f: impl FnOnce(&[&dyn Any]) -> R) -> R {
                f(&[$(&self.$idx as &dyn Any),*])
            }
            fn params() -> &'static [Param] {
                <Self as ParamList>::PARAMS
            }
        }

        impl<Func, Ret, $($name),*> ErasedListener for FnListener<Func, ($($name,)*)>
        where
            Func: Fn($($name),*) -> Ret + 'static,
            Ret: ListenerResult,
            $($name: Clone + 'static),*
        {
            #[inline]
            #[allow(unused_variables, non_snake_case)]
            fn call(&self, args: &[&dyn Any]) -> Result<(), CallError> {
                $(
                    let $name: $name = match args.get($idx).and_then(|a| a.downcast_ref::<$name>()) {
                        Some(v) => v.clone(),
                        None => return Err(CallError::Mismatch),
                    };
                )*
                (self.f)($($name),*).into_result().map_err(CallError::Thrown)
            }
            fn params(&self) -> &'static [Param] {
                <($($name,)*) as ParamList>::PARAMS
            }
        }

        impl<Func, Ret, $($name),*> IntoListener<($($name,)*)> for Func
        where
            Func: Fn($($name),*) -> Ret + 'static,
            Ret: ListenerResult,
            $($name: Clone + 'static),*
        {
            fn into_listener(self) -> Listener {
                Listener(Rc::new(FnListener::<Func, ($($name,)*)> { f: self, _args: std::marker::PhantomData }))
            }
        }
    };
}

arity!();
arity!(A 0);
arity!(A 0, B 1);
arity!(A 0, B 1, C 2);
arity!(A 0, B 1, C 2, D 3);
arity!(A 0, B 1, C 2, D 3, E 4);
arity!(A 0, B 1, C 2, D 3, E 4, F 5);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_module_paths() {
        assert_eq!(short_type_name("alloc::string::String"), "String");
        assert_eq!(short_type_name("core::option::Option<alloc::string::String>"), "Option<String>");
        assert_eq!(short_type_name("(u32, a::B)"), "(u32, B)");
    }

    #[test]
    fn listener_downcasts_leading_arguments() {
        let seen = Rc::new(std::cell::Cell::new(0u32));
        let s = seen.clone();
        let l = Listener::new(move |a: u32| s.set(a));
        let args: (u32, String) = (7, "x".into());
        args.with_refs(|refs| assert!(l.0.call(refs).is_ok()));
        assert_eq!(seen.get(), 7);
        let wrong: (String,) = ("x".into(),);
        wrong.with_refs(|refs| assert!(matches!(l.0.call(refs), Err(CallError::Mismatch))));
    }
}
