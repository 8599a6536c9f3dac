/* search: see src/search.rs */
