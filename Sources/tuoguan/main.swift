import TuoguanCommands

await Tuoguan.run()
