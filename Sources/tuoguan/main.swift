#if canImport(CMalloc)
import CMalloc
#endif
import TuoguanCommands

#if canImport(CMalloc)
// glibc raises its mmap threshold each time a large block is freed; after that, large arrays (a range of
// families, a sheet's rows) come from the heap and leave holes in it that the process keeps. A fixed threshold
// (glibc's default starting value) keeps every large block mapped on its own and returned when freed, so the
// peak follows what is in use. Measured in README (Speed and memory).
_ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
#endif

await Tuoguan.run()
