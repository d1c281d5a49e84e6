# engine/template: func part
