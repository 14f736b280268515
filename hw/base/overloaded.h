#pragma once
// std::visit over one lambda per alternative: a variant that gains an
// alternative no lambda takes no longer compiles, so nothing is skipped silently.

namespace eimza {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace eimza
