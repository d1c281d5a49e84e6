# engine/template: load part
